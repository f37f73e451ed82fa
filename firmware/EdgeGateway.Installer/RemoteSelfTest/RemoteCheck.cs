namespace EdgeGateway.Installer.RemoteSelfTest;

/// <summary>One self-test check as the gateway's API returns it.</summary>
public sealed record RemoteCheck(string Check, string Verdict, string Detail, string? Fix)
{
    public bool Passed => string.Equals(Verdict, "Pass", StringComparison.OrdinalIgnoreCase);
}
