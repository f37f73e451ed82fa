namespace EdgeGateway.CloudBridge.Actions;

/// <summary>Section `NfcActions`: the rule table (first match wins) and how the answer reaches the gateway.</summary>
public sealed class NfcActionsOptions
{
    public List<NfcActionRule> Rules { get; } = [];

    /// <summary>A command the gateway has not received within this time is dropped by it (expiresAt), e.g. a code for a shopper long gone.</summary>
    public int CommandTtlSeconds { get; set; } = 600;

    /// <summary>How long the gateway waits for the tag when it is told to write an entry link (nfc.write-url waitSeconds, 1-600).</summary>
    public int WriteWaitSeconds { get; set; } = 120;
}
