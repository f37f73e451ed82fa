using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using EdgeGateway.Installer.Labels;

namespace EdgeGateway.Installer.Tests.Labels;

public class LabelRendererTests
{
    private static readonly LabelContent Content =
        new("shop-0042", "Cafe Centrale (12)", new Uri("http://shop-0042.local:8080/"), "k7m2-pq9x-4hab-zt3n");

    [Fact]
    public void The_png_is_62_by_29_mm_at_300_dpi_and_its_qr_modules_match_the_payload()
    {
        var png = PngLabelRenderer.Render(Content);

        var (width, height, pixels) = Decode(png);
        Assert.Equal(732, width);   // 62 mm at 300 dpi
        Assert.Equal(343, height);  // 29 mm at 300 dpi
        var qr = QrMatrix.For(Content.QrPayload);
        var modules = qr.GetLength(0);
        // Find the QR: the top-left finder pattern is the first dark pixel scanning rows from the top-left.
        var (left, top) = FirstDark(pixels, width, height);
        var scale = RunLength(pixels, width, left, top) / 7;
        for (var y = 0; y < modules; y++)
        {
            for (var x = 0; x < modules; x++)
            {
                var sample = pixels[((top + (y * scale) + (scale / 2)) * width) + left + (x * scale) + (scale / 2)];
                Assert.True(qr[y, x] == (sample == 0), $"module ({x},{y}) differs");
            }
        }
    }

    [Fact]
    public void The_payload_holds_the_page_id_and_site_but_never_the_password()
    {
        Assert.Equal("http://shop-0042.local:8080/?gw=shop-0042&site=Cafe%20Centrale%20%2812%29", Content.QrPayload);
        Assert.DoesNotContain(Content.Password, Content.QrPayload, StringComparison.Ordinal);
        Assert.Contains($"password: {Content.Password}", Content.TextLines);
    }

    [Fact]
    public void The_pdf_is_a_single_label_sized_page_with_a_valid_xref_and_escaped_text()
    {
        var pdf = Encoding.Latin1.GetString(PdfLabelRenderer.Render(Content));

        Assert.StartsWith("%PDF-1.4\n", pdf, StringComparison.Ordinal);
        Assert.Contains("/MediaBox [0 0 175.748 82.205]", pdf, StringComparison.Ordinal);
        Assert.Contains("(site: Cafe Centrale \\(12\\)) Tj", pdf, StringComparison.Ordinal);
        var startXref = int.Parse(Regex.Match(pdf, @"startxref\n(\d+)\n%%EOF").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("xref\n0 6\n", pdf[startXref..], StringComparison.Ordinal);
        var offsets = Regex.Matches(pdf[startXref..], @"(\d{10}) 00000 n").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(5, offsets.Length);
        for (var i = 0; i < offsets.Length; i++)
        {
            Assert.StartsWith($"{i + 1} 0 obj", pdf[offsets[i]..], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_character_a_password_or_gateway_id_can_hold_has_its_own_glyph()
    {
        foreach (var c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/")
        {
            Assert.True(BitmapFont.HasGlyph(c), $"no glyph for '{c}'");
        }

        // The password alphabet has both g and 9, q and a: their glyphs must differ.
        Assert.NotEqual(Glyph('g'), Glyph('9'));
        Assert.NotEqual(Glyph('q'), Glyph('a'));
    }

    private static string Glyph(char c) =>
        string.Concat(Enumerable.Range(0, BitmapFont.Height).SelectMany(y => Enumerable.Range(0, BitmapFont.Width).Select(x => BitmapFont.IsInk(c, x, y) ? '#' : '.')));

    private static (int Width, int Height, byte[] Pixels) Decode(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var rows = raw.ToArray();
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, rows[y * (width + 1)]);
            Array.Copy(rows, (y * (width + 1)) + 1, pixels, y * width, width);
        }

        return (width, height, pixels);
    }

    private static (int Left, int Top) FirstDark(byte[] pixels, int width, int height)
    {
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width / 3; x++)
            {
                if (pixels[(y * width) + x] == 0)
                {
                    return (x, y);
                }
            }
        }

        throw new InvalidOperationException("no QR found");
    }

    private static int RunLength(byte[] pixels, int width, int left, int top)
    {
        var x = left;
        while (pixels[(top * width) + x] == 0)
        {
            x++;
        }

        return x - left;
    }
}
