namespace EdgeGateway.Edge.BeaconConfig;

/// <summary>Configuration section `BeaconConfig`: where lock keys and applied state live, and the session timing.</summary>
public sealed class BeaconConfigOptions
{
    public const string Section = "BeaconConfig";

    /// <summary>JSON file of lock keys (mode 0600); default `beacon-keys.json` in the gateway's data directory.</summary>
    public string? LockKeysFile { get; set; }

    /// <summary>Last applied desired config and its report; default `beacon-config.json` in the data directory.</summary>
    public string? StateFile { get; set; }

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan AttTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sessions per beacon before it is reported failed (only for failures a retry can cure: range, link, disconnect).</summary>
    public int Attempts { get; set; } = 3;

    /// <summary>Wait before the second attempt; doubles for each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long to wait to hear the beacon before connecting (it must be tracked to have an address) and after writing (verification).</summary>
    public TimeSpan HearTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (ConnectTimeout < TimeSpan.FromMilliseconds(100) || ConnectTimeout > TimeSpan.FromMinutes(2))
        {
            problems.Add($"{Section}:ConnectTimeout must be 0.1 s-2 min (was {ConnectTimeout})");
        }

        if (AttTimeout < TimeSpan.FromMilliseconds(100) || AttTimeout > TimeSpan.FromSeconds(30))
        {
            problems.Add($"{Section}:AttTimeout must be 0.1-30 s (the ATT transaction timeout) (was {AttTimeout})");
        }

        if (Attempts is < 1 or > 10)
        {
            problems.Add($"{Section}:Attempts must be 1-10 (was {Attempts})");
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{Section}:RetryDelay must be 0-5 min (was {RetryDelay})");
        }

        if (HearTimeout < TimeSpan.Zero || HearTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"{Section}:HearTimeout must be 0-5 min (was {HearTimeout})");
        }

        return problems;
    }
}
