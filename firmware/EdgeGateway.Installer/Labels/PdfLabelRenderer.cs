using System.Globalization;
using System.Text;

namespace EdgeGateway.Installer.Labels;

/// <summary>
/// Renders a label as a one-page PDF of exactly the label's size: the QR code as filled rectangles and the
/// text in the PDF's built-in Helvetica, so it prints crisp at any printer resolution with no fonts embedded.
/// </summary>
public static class PdfLabelRenderer
{
    public static byte[] Render(LabelContent content)
    {
        var page = new StringBuilder();
        var qr = QrMatrix.For(content.QrPayload);
        var modules = qr.GetLength(0);
        const int quiet = QrMatrix.QuietZone;
        var module = Points(LabelLayout.QrSizeMm) / (modules + (2 * quiet));
        var left = Points(LabelLayout.MarginMm) + (quiet * module);
        var pageHeight = Points(LabelLayout.HeightMm);
        var top = pageHeight - ((pageHeight - (modules * module)) / 2);
        page.Append("0 g\n");
        for (var y = 0; y < modules; y++)
        {
            for (var x = 0; x < modules; x++)
            {
                if (qr[y, x])
                {
                    page.Append(Number(left + (x * module))).Append(' ').Append(Number(top - ((y + 1) * module))).Append(' ')
                        .Append(Number(module)).Append(' ').Append(Number(module)).Append(" re\n");
                }
            }
        }

        page.Append("f\n");
        var lines = content.TextLines;
        var lineHeight = (pageHeight - (2 * Points(LabelLayout.MarginMm))) / lines.Count;
        var available = Points(LabelLayout.WidthMm - LabelLayout.TextLeftMm - LabelLayout.MarginMm);
        // Helvetica averages about 0.55 em per character; fit the longest line in the space left of the margin.
        var fontSize = Math.Min(lineHeight * 0.8, available / (lines.Max(l => l.Length) * 0.55));
        var baseline = pageHeight - Points(LabelLayout.MarginMm) - (lineHeight * 0.8);
        foreach (var line in lines)
        {
            page.Append("BT /F1 ").Append(Number(fontSize)).Append(" Tf ").Append(Number(Points(LabelLayout.TextLeftMm))).Append(' ')
                .Append(Number(baseline)).Append(" Td (").Append(Escape(line)).Append(") Tj ET\n");
            baseline -= lineHeight;
        }

        return Document(page.ToString(), Points(LabelLayout.WidthMm), pageHeight);
    }

    private static byte[] Document(string contentStream, double width, double height)
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {Number(width)} {Number(height)}] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            $"<< /Length {Encoding.Latin1.GetByteCount(contentStream)} >>\nstream\n{contentStream}endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.Latin1.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    private static double Points(double millimetres) => millimetres / 25.4 * 72;

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Escape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\\' => "\\\\",
                '(' => "\\(",
                ')' => "\\)",
                _ when c > 0xFF => "?",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
