using System.Runtime.InteropServices;
using EdgeGateway.Installer.Bundling;
using EdgeGateway.Testing.Tools;

namespace EdgeGateway.Installer.Tests.Bundling;

public sealed class NativeAotToolchainTests
{
    private static readonly string[] CrossToolchain = ["clang", "aarch64-linux-gnu-objcopy"];
    private static readonly string[] CrossDirectories = ["/usr/aarch64-linux-gnu/lib", "/usr/lib/gcc-cross/aarch64-linux-gnu"];

    private static NativeAotToolchain On(Architecture host, string[] programs, string[] directories) =>
        new(programs.Contains, directories.Contains, host);

    [Fact]
    public void Same_cpu_links_with_the_system_clang()
    {
        var arguments = On(Architecture.X64, ["clang"], []).PublishArguments("linux-x64");

        Assert.Equal(["-p:PublishAot=true"], arguments);
    }

    [Fact]
    public void Same_cpu_without_clang_names_the_packages_and_the_fallback()
    {
        var error = Assert.Throws<InvalidOperationException>(() => On(Architecture.Arm64, [], []).PublishArguments("linux-arm64"));

        Assert.Contains("apt-get install -y clang", error.Message, StringComparison.Ordinal);
        Assert.Contains("--runtime jit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arm64_from_x64_uses_clang_with_the_cross_objcopy()
    {
        var arguments = On(Architecture.X64, CrossToolchain, CrossDirectories).PublishArguments("linux-arm64");

        Assert.Equal(["-p:PublishAot=true", "-p:CppCompilerAndLinker=clang", "-p:ObjCopyName=aarch64-linux-gnu-objcopy"], arguments);
    }

    [Fact]
    public void Arm64_from_x64_without_the_cross_packages_names_each_missing_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => On(Architecture.X64, ["clang"], []).PublishArguments("linux-arm64"));

        Assert.Contains("binutils-aarch64-linux-gnu", error.Message, StringComparison.Ordinal);
        Assert.Contains("gcc-aarch64-linux-gnu libc6-dev-arm64-cross", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("install -y clang", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thirty_two_bit_arm_is_sent_to_the_jit()
    {
        var error = Assert.Throws<ArgumentException>(() => On(Architecture.X64, CrossToolchain, CrossDirectories).PublishArguments("linux-arm"));

        Assert.Contains("--runtime jit", error.Message, StringComparison.Ordinal);
        Assert.Equal(BundleRuntime.Jit, BundleBuilder.DefaultRuntime("linux-arm"));
        Assert.Equal(BundleRuntime.NativeAot, BundleBuilder.DefaultRuntime("linux-arm64"));
    }

    [Fact]
    public async Task No_ready_to_run_with_native_aot_is_refused_before_building()
    {
        var builder = new BundleBuilder(TextWriter.Null, On(Architecture.X64, ["clang"], []));
        var request = new BundleBuilder.Request(TestArtifacts.RepositoryRoot(), "linux-x64", Path.Combine(Path.GetTempPath(), $"egw-none-{Guid.NewGuid():N}"), ReadyToRun: false);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => builder.BuildAsync(request, TestContext.Current.CancellationToken));

        Assert.Contains("--runtime jit only", error.Message, StringComparison.Ordinal);
    }
}
