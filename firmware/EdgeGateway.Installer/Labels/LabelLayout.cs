namespace EdgeGateway.Installer.Labels;

/// <summary>
/// The label's geometry: 62 × 29 mm, the common die-cut size of 62 mm label printers (Brother QL DK-11209
/// class), with the QR code on the left and the text lines on the right.
/// </summary>
public static class LabelLayout
{
    public const double WidthMm = 62;
    public const double HeightMm = 29;
    public const double MarginMm = 2;
    public const double QrSizeMm = HeightMm - (2 * MarginMm);
    public const double TextLeftMm = MarginMm + QrSizeMm + 2;
}
