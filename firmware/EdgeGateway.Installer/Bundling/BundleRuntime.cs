namespace EdgeGateway.Installer.Bundling;

/// <summary>How edgegw is compiled for the gateway.</summary>
public enum BundleRuntime
{
    /// <summary>
    /// Native AOT: machine code linked ahead of time, no JIT on the device. The smallest resident memory and the
    /// fastest start, which is what a 512 MB Pi needs; linking needs clang (and a cross toolchain for another CPU).
    /// </summary>
    NativeAot,

    /// <summary>Trimmed self-contained single file run by the JIT: the fallback where no AOT toolchain exists.</summary>
    Jit,
}
