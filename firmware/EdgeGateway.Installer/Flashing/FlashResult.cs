namespace EdgeGateway.Installer.Flashing;

/// <summary>What was written and checked: the bytes, their SHA-256, and how long writing and verifying took.</summary>
public sealed record FlashResult(long Bytes, string Sha256, TimeSpan WriteTime, TimeSpan VerifyTime);
