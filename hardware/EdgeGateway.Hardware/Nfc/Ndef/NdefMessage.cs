using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Nfc.Ndef;

/// <summary>An NDEF message: one or more records between MB and ME. Parsing never reads past the given bytes.</summary>
public sealed class NdefMessage
{
    public NdefMessage(IReadOnlyList<NdefRecord> records)
    {
        Records = records ?? throw new ArgumentNullException(nameof(records));
    }

    public static NdefMessage Empty { get; } = new([]);

    public IReadOnlyList<NdefRecord> Records { get; }

    public int EncodedLength => Records.Count == 0 ? 3 : Records.Sum(r => r.EncodedLength);

    public byte[] ToBytes()
    {
        if (Records.Count == 0)
        {
            // An empty NDEF message is one Empty record with MB and ME (NDEF 1.0, 3.2.6).
            return [NdefRecord.MessageBegin | NdefRecord.MessageEnd | NdefRecord.ShortRecord, 0x00, 0x00];
        }

        var bytes = new byte[EncodedLength];
        var pos = 0;
        for (var i = 0; i < Records.Count; i++)
        {
            pos += Records[i].Write(bytes.AsSpan(pos), i == 0, i == Records.Count - 1);
        }

        return bytes;
    }

    /// <summary>Parses a whole message; throws <see cref="NdefFormatException"/> naming the broken rule.</summary>
    public static NdefMessage Parse(ReadOnlySpan<byte> bytes)
    {
        var records = new List<NdefRecord>();
        var pos = 0;
        var sawEnd = false;
        NdefTypeNameFormat chunkTnf = default;
        byte[]? chunkType = null;
        byte[]? chunkId = null;
        List<byte>? chunkPayload = null;
        while (pos < bytes.Length)
        {
            if (sawEnd)
            {
                throw new NdefFormatException(NdefError.MessageBoundaries, $"record at offset {pos} follows the record with ME set.");
            }

            var header = bytes[pos];
            var tnf = (NdefTypeNameFormat)(header & 0x07);
            var first = pos == 0;
            if (first != ((header & NdefRecord.MessageBegin) != 0))
            {
                throw new NdefFormatException(NdefError.MessageBoundaries, first
                    ? "first record does not have MB set."
                    : $"record at offset {pos} has MB set but is not the first.");
            }

            var recordStart = pos;
            pos++;
            var typeLength = Take(bytes, ref pos, 1, recordStart)[0];
            long payloadLength = (header & NdefRecord.ShortRecord) != 0
                ? Take(bytes, ref pos, 1, recordStart)[0]
                : BinaryPrimitives.ReadUInt32BigEndian(Take(bytes, ref pos, 4, recordStart));
            var idLength = (header & NdefRecord.IdLengthPresent) != 0 ? Take(bytes, ref pos, 1, recordStart)[0] : 0;
            if (payloadLength > bytes.Length)
            {
                throw new NdefFormatException(NdefError.RecordPastEnd,
                    $"record at offset {recordStart} claims a {payloadLength}-byte payload; the message has {bytes.Length} bytes.");
            }

            var type = Take(bytes, ref pos, typeLength, recordStart).ToArray();
            var id = Take(bytes, ref pos, idLength, recordStart).ToArray();
            var payload = Take(bytes, ref pos, (int)payloadLength, recordStart);
            CheckHeader(tnf, typeLength, idLength, payloadLength, recordStart, chunkPayload is not null);
            sawEnd = (header & NdefRecord.MessageEnd) != 0;
            var chunked = (header & NdefRecord.Chunk) != 0;

            if (chunkPayload is null)
            {
                if (chunked)
                {
                    (chunkTnf, chunkType, chunkId, chunkPayload) = (tnf, type, id, [.. payload]);
                    continue;
                }

                records.Add(new NdefRecord(tnf, type, id, payload.ToArray()));
                continue;
            }

            if (tnf != NdefTypeNameFormat.Unchanged || typeLength != 0 || idLength != 0)
            {
                throw new NdefFormatException(NdefError.Chunking,
                    $"middle or final chunk at offset {recordStart} must have TNF Unchanged and no type or id.");
            }

            chunkPayload.AddRange(payload);
            if (!chunked)
            {
                records.Add(new NdefRecord(chunkTnf, chunkType!, chunkId!, [.. chunkPayload]));
                chunkPayload = null;
            }
        }

        if (chunkPayload is not null)
        {
            throw new NdefFormatException(NdefError.Chunking, "message ends inside a chunked record.");
        }

        if (records.Count > 0 && !sawEnd)
        {
            throw new NdefFormatException(NdefError.MessageBoundaries, "last record does not have ME set.");
        }

        // A lone Empty record is how an empty message is written.
        return records is [{ Tnf: NdefTypeNameFormat.Empty }] ? Empty : new NdefMessage(records);
    }

    private static void CheckHeader(NdefTypeNameFormat tnf, int typeLength, int idLength, long payloadLength, int offset, bool inChunk)
    {
        var bad = tnf switch
        {
            NdefTypeNameFormat.Empty => typeLength != 0 || idLength != 0 || payloadLength != 0,
            NdefTypeNameFormat.Unknown => typeLength != 0,
            NdefTypeNameFormat.Unchanged => !inChunk,
            NdefTypeNameFormat.Reserved => true,
            _ => typeLength == 0 && !inChunk,
        };
        if (bad)
        {
            throw new NdefFormatException(NdefError.Header,
                $"record at offset {offset}: TNF {tnf} with type length {typeLength}, id length {idLength}, payload {payloadLength}.");
        }
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int pos, int count, int recordStart)
    {
        if (count > bytes.Length - pos)
        {
            throw new NdefFormatException(NdefError.RecordPastEnd,
                $"record at offset {recordStart} needs {count} more bytes at offset {pos}; the message ends at {bytes.Length}.");
        }

        var slice = bytes.Slice(pos, count);
        pos += count;
        return slice;
    }
}
