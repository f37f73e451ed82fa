using QRCoder;

namespace EdgeGateway.Installer.Labels;

/// <summary>
/// The QR modules (true = dark) for a payload, with error correction M (survives a scratched label), without
/// the quiet zone: renderers draw that themselves (<see cref="QuietZone"/> modules, as ISO/IEC 18004 requires).
/// </summary>
public static class QrMatrix
{
    public const int QuietZone = 4;

    public static bool[,] For(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        // QRCoder's matrix carries its own 4-module quiet zone; strip it so every renderer owns the border.
        var rows = data.ModuleMatrix;
        var border = (rows.Count - QrSizeFor(data.Version)) / 2;
        var size = rows.Count - (2 * border);
        var matrix = new bool[size, size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                matrix[y, x] = rows[y + border][x + border];
            }
        }

        return matrix;
    }

    /// <summary>Modules per side of a QR code version (21 for version 1, 4 more per version).</summary>
    private static int QrSizeFor(int version) => 17 + (4 * version);
}
