using System.Buffers.Binary;
using LiteDB;

namespace EdgeGateway.Edge.Outbox;

/// <summary>
/// How rows are stored: many rows of one stream in one LiteDB document, keyed by the last row's sequence
/// number. One document (and one index entry) per up to <see cref="MaxRows"/> rows is what makes 50,000
/// durable appends a second possible, and keeps the bytes written per item low (SD cards). Keyed by the
/// last sequence number, "rows after n" is `_id > n` and "acknowledged through n" is `_id &lt;= n`.
/// Row layout, little-endian: seq int64, priority byte, appended-at Unix ms int64, length int32, JSON.
/// </summary>
internal static class OutboxChunk
{
    public const int MaxRows = 1_000;
    public const int MaxBytes = 512 * 1024;
    private const int RowHeader = 8 + 1 + 8 + 4;

    /// <summary>Splits sequence-ordered rows into documents within the row and byte bounds.</summary>
    public static IEnumerable<BsonDocument> Encode(IReadOnlyList<OutboxRow> rows)
    {
        var start = 0;
        while (start < rows.Count)
        {
            var end = start;
            var bytes = 0;
            while (end < rows.Count && end - start < MaxRows && (end == start || bytes + RowHeader + rows[end].Json.Length <= MaxBytes))
            {
                bytes += RowHeader + rows[end].Json.Length;
                end++;
            }

            yield return EncodeRange(rows, start, end, bytes);
            start = end;
        }
    }

    public static IEnumerable<OutboxRow> Decode(BsonDocument document)
    {
        var data = document["b"].AsBinary;
        var offset = 0;
        while (offset < data.Length)
        {
            var span = data.AsSpan(offset);
            var seq = BinaryPrimitives.ReadInt64LittleEndian(span);
            var priority = (OutboxPriority)span[8];
            var at = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(span[9..]));
            var length = BinaryPrimitives.ReadInt32LittleEndian(span[17..]);
            yield return new OutboxRow(seq, priority, at, span.Slice(RowHeader, length).ToArray());
            offset += RowHeader + length;
        }
    }

    /// <summary>Row count and JSON bytes without copying the rows out.</summary>
    public static (long Count, long Bytes, long FirstSeq) Measure(BsonDocument document)
    {
        var data = document["b"].AsBinary;
        long count = 0, bytes = 0, first = 0;
        for (var offset = 0; offset < data.Length;)
        {
            var span = data.AsSpan(offset);
            first = count == 0 ? BinaryPrimitives.ReadInt64LittleEndian(span) : first;
            var length = BinaryPrimitives.ReadInt32LittleEndian(span[17..]);
            count++;
            bytes += length;
            offset += RowHeader + length;
        }

        return (count, bytes, first);
    }

    /// <summary>Row count and JSON bytes of the rows numbered <paramref name="from"/>..<paramref name="to"/> in one document.</summary>
    public static (long Count, long Bytes) MeasureRange(BsonDocument document, long from, long to)
    {
        var data = document["b"].AsBinary;
        long count = 0, bytes = 0;
        for (var offset = 0; offset < data.Length;)
        {
            var span = data.AsSpan(offset);
            var seq = BinaryPrimitives.ReadInt64LittleEndian(span);
            var length = BinaryPrimitives.ReadInt32LittleEndian(span[17..]);
            if (seq >= from && seq <= to)
            {
                count++;
                bytes += length;
            }

            offset += RowHeader + length;
        }

        return (count, bytes);
    }

    private static BsonDocument EncodeRange(IReadOnlyList<OutboxRow> rows, int start, int end, int bytes)
    {
        var data = new byte[bytes];
        var offset = 0;
        for (var i = start; i < end; i++)
        {
            var row = rows[i];
            var span = data.AsSpan(offset);
            BinaryPrimitives.WriteInt64LittleEndian(span, row.Seq);
            span[8] = (byte)row.Priority;
            BinaryPrimitives.WriteInt64LittleEndian(span[9..], row.AppendedAt.ToUnixTimeMilliseconds());
            BinaryPrimitives.WriteInt32LittleEndian(span[17..], row.Json.Length);
            row.Json.CopyTo(span[RowHeader..]);
            offset += RowHeader + row.Json.Length;
        }

        return new BsonDocument { ["_id"] = rows[end - 1].Seq, ["b"] = data };
    }
}
