namespace EdgeGateway.Installer.Flashing;

/// <summary>One `gatewayctl flash`: the image (directly or from a bundle directory) and the card or image file to write.</summary>
public sealed record FlashRequest(string? ImagePath, string? BundleDirectory, string? DevicePath, string? OutputFile, bool AssumeYes);
