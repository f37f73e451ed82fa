namespace EdgeGateway.Edge.Diagnostics;

/// <summary>One network interface that is up (loopback left out), with its MAC and addresses.</summary>
public sealed record NetworkInterfaceInfo(string Name, string Mac, IReadOnlyList<string> Addresses);
