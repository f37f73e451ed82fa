namespace EdgeGateway.Installer.Labels;

/// <summary>Renders a label as a 300 dpi greyscale PNG: QR modules and 5×7 bitmap text, both scaled to whole pixels.</summary>
public static class PngLabelRenderer
{
    public const int Dpi = 300;

    public static byte[] Render(LabelContent content)
    {
        var width = Pixels(LabelLayout.WidthMm);
        var height = Pixels(LabelLayout.HeightMm);
        var canvas = new byte[width * height];
        Array.Fill(canvas, (byte)255);

        var qr = QrMatrix.For(content.QrPayload);
        var modules = qr.GetLength(0);
        var quiet = QrMatrix.QuietZone;
        var scale = Pixels(LabelLayout.QrSizeMm) / (modules + (2 * quiet));
        var qrLeft = Pixels(LabelLayout.MarginMm) + (quiet * scale);
        var qrTop = ((height - (modules * scale)) / 2);
        for (var y = 0; y < modules; y++)
        {
            for (var x = 0; x < modules; x++)
            {
                if (qr[y, x])
                {
                    Fill(canvas, width, qrLeft + (x * scale), qrTop + (y * scale), scale, scale);
                }
            }
        }

        var lines = content.TextLines;
        var textLeft = Pixels(LabelLayout.TextLeftMm);
        var available = width - textLeft - Pixels(LabelLayout.MarginMm);
        var longest = lines.Max(l => l.Length);
        var lineHeight = (height - (2 * Pixels(LabelLayout.MarginMm))) / lines.Count;
        var pixel = Math.Max(1, Math.Min(available / (longest * (BitmapFont.Width + 1)), lineHeight / (BitmapFont.Height + 1)));
        var top = Pixels(LabelLayout.MarginMm);
        foreach (var line in lines)
        {
            var x = textLeft;
            foreach (var c in line)
            {
                for (var gy = 0; gy < BitmapFont.Height; gy++)
                {
                    for (var gx = 0; gx < BitmapFont.Width; gx++)
                    {
                        if (BitmapFont.IsInk(c, gx, gy))
                        {
                            Fill(canvas, width, x + (gx * pixel), top + (gy * pixel), pixel, pixel);
                        }
                    }
                }

                x += (BitmapFont.Width + 1) * pixel;
            }

            top += lineHeight;
        }

        return PngWriter.Encode(canvas, width, height, (int)Math.Round(Dpi / 0.0254));
    }

    private static int Pixels(double millimetres) => (int)Math.Round(millimetres / 25.4 * Dpi);

    private static void Fill(byte[] canvas, int width, int left, int top, int w, int h)
    {
        var height = canvas.Length / width;
        for (var y = Math.Max(0, top); y < Math.Min(height, top + h); y++)
        {
            Array.Fill(canvas, (byte)0, (y * width) + Math.Max(0, left), Math.Max(0, Math.Min(width, left + w) - Math.Max(0, left)));
        }
    }
}
