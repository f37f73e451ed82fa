namespace EdgeGateway.Hardware.Nfc.Ntag;

/// <summary>Where a page write may go. Lock bits and configuration are one-way doors, so they need asking for.</summary>
public enum NtagWriteScope
{
    /// <summary>User memory only (page 4 to the last user page).</summary>
    UserMemory,

    /// <summary>Also the capability container (page 3), e.g. to format a blank tag.</summary>
    CapabilityContainer,

    /// <summary>Also lock bytes, CFG0/CFG1, PWD and PACK: can make a tag read-only or password-protected for good.</summary>
    Configuration,
}
