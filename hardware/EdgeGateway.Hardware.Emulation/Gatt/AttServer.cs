using System.Buffers.Binary;
using EdgeGateway.Hardware.Ble.Att;
using EdgeGateway.Hardware.Ble.Gatt;

namespace EdgeGateway.Hardware.Emulation.Gatt;

/// <summary>
/// The server end of ATT over a <see cref="GattDatabase"/> (Core spec Vol 3, Part F, 3.4): Exchange MTU, Find
/// Information, Read By Type, Read By Group Type, Read, Read Blob, Write Request and Write Command, with the
/// spec's error responses (Invalid Handle, Attribute Not Found, Unsupported Group Type, Invalid Offset,
/// Request Not Supported, ...). Responses are cut to ATT_MTU exactly as the spec says.
/// </summary>
public sealed class AttServer(GattDatabase database, ushort serverRxMtu = 512)
{
    public int Mtu { get; private set; } = AttClient.DefaultMtu;

    /// <summary>Answers one request PDU; null for PDUs that take no answer (commands, confirmations).</summary>
    public byte[]? Handle(ReadOnlySpan<byte> pdu)
    {
        if (pdu.IsEmpty)
        {
            return null;
        }

        var opcode = (AttOpcode)pdu[0];
        var p = pdu[1..];
        return opcode switch
        {
            AttOpcode.ExchangeMtuRequest when p.Length == 2 => ExchangeMtu(BinaryPrimitives.ReadUInt16LittleEndian(p)),
            AttOpcode.FindInformationRequest when p.Length == 4 => FindInformation(Range(p, out var end), end),
            AttOpcode.ReadByTypeRequest when p.Length is 6 or 20 => ReadByType(Range(p, out var end), end, GattUuid.Read(p[4..])),
            AttOpcode.ReadByGroupTypeRequest when p.Length is 6 or 20 => ReadByGroupType(Range(p, out var end), end, GattUuid.Read(p[4..])),
            AttOpcode.ReadRequest when p.Length == 2 => Read(opcode, BinaryPrimitives.ReadUInt16LittleEndian(p), 0),
            AttOpcode.ReadBlobRequest when p.Length == 4 => Read(opcode, BinaryPrimitives.ReadUInt16LittleEndian(p), BinaryPrimitives.ReadUInt16LittleEndian(p[2..])),
            AttOpcode.WriteRequest when p.Length >= 2 => Write(BinaryPrimitives.ReadUInt16LittleEndian(p), p[2..].ToArray(), respond: true),
            AttOpcode.WriteCommand when p.Length >= 2 => Write(BinaryPrimitives.ReadUInt16LittleEndian(p), p[2..].ToArray(), respond: false),
            AttOpcode.HandleValueConfirmation or AttOpcode.WriteCommand => null,
            AttOpcode.ExchangeMtuRequest or AttOpcode.FindInformationRequest or AttOpcode.ReadByTypeRequest or AttOpcode.ReadByGroupTypeRequest
                or AttOpcode.ReadRequest or AttOpcode.ReadBlobRequest or AttOpcode.WriteRequest => Error(opcode, 0, AttErrorCode.InvalidPdu),
            _ when (pdu[0] & 0x40) != 0 => null, // any other command: ignored, as the spec requires
            _ => Error(opcode, 0, AttErrorCode.RequestNotSupported),
        };
    }

    public static byte[] Error(AttOpcode request, ushort handle, AttErrorCode error)
    {
        var pdu = new byte[5];
        pdu[0] = (byte)AttOpcode.ErrorResponse;
        pdu[1] = (byte)request;
        BinaryPrimitives.WriteUInt16LittleEndian(pdu.AsSpan(2), handle);
        pdu[4] = (byte)error;
        return pdu;
    }

    private static ushort Range(ReadOnlySpan<byte> p, out ushort end)
    {
        end = BinaryPrimitives.ReadUInt16LittleEndian(p[2..]);
        return BinaryPrimitives.ReadUInt16LittleEndian(p);
    }

    private byte[] ExchangeMtu(ushort clientRxMtu)
    {
        Mtu = Math.Max(AttClient.DefaultMtu, Math.Min(clientRxMtu, (int)serverRxMtu));
        var pdu = new byte[3];
        pdu[0] = (byte)AttOpcode.ExchangeMtuResponse;
        BinaryPrimitives.WriteUInt16LittleEndian(pdu.AsSpan(1), serverRxMtu);
        return pdu;
    }

    private byte[] FindInformation(ushort start, ushort end)
    {
        if (start == 0 || start > end)
        {
            return Error(AttOpcode.FindInformationRequest, start, AttErrorCode.InvalidHandle);
        }

        var output = new List<byte>();
        var format = 0;
        Span<byte> bytes = stackalloc byte[18];
        foreach (var attribute in InRange(start, end))
        {
            var shortUuid = GattUuid.To16(attribute.Type) is not null;
            var thisFormat = shortUuid ? 1 : 2;
            var entry = 2 + (shortUuid ? 2 : 16);
            if ((format != 0 && thisFormat != format) || 2 + output.Count + entry > Mtu)
            {
                break;
            }

            format = thisFormat;
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, attribute.Handle);
            GattUuid.Write(attribute.Type, bytes[2..]);
            output.AddRange(bytes[..entry]);
        }

        return format == 0
            ? Error(AttOpcode.FindInformationRequest, start, AttErrorCode.AttributeNotFound)
            : [(byte)AttOpcode.FindInformationResponse, (byte)format, .. output];
    }

    private byte[] ReadByType(ushort start, ushort end, Guid type)
    {
        if (start == 0 || start > end)
        {
            return Error(AttOpcode.ReadByTypeRequest, start, AttErrorCode.InvalidHandle);
        }

        var output = new List<byte>();
        var length = 0;
        foreach (var attribute in InRange(start, end).Where(a => a.Type == type))
        {
            var result = attribute.Read();
            if (result.Error is { } error)
            {
                // An error on the first match is the answer; after one it just ends the list.
                return length == 0 ? Error(AttOpcode.ReadByTypeRequest, attribute.Handle, error) : Response(AttOpcode.ReadByTypeResponse, length, output);
            }

            var value = result.Value.AsSpan(0, Math.Min(result.Value.Length, Math.Min(Mtu - 4, 253)));
            var entry = 2 + value.Length;
            if ((length != 0 && entry != length) || 2 + output.Count + entry > Mtu)
            {
                break;
            }

            length = entry;
            output.Add((byte)attribute.Handle);
            output.Add((byte)(attribute.Handle >> 8));
            output.AddRange(value);
        }

        return length == 0 ? Error(AttOpcode.ReadByTypeRequest, start, AttErrorCode.AttributeNotFound) : Response(AttOpcode.ReadByTypeResponse, length, output);
    }

    private byte[] ReadByGroupType(ushort start, ushort end, Guid type)
    {
        if (start == 0 || start > end)
        {
            return Error(AttOpcode.ReadByGroupTypeRequest, start, AttErrorCode.InvalidHandle);
        }

        if (type != GattUuid.PrimaryService)
        {
            return Error(AttOpcode.ReadByGroupTypeRequest, start, AttErrorCode.UnsupportedGroupType);
        }

        var output = new List<byte>();
        var length = 0;
        Span<byte> handles = stackalloc byte[4];
        foreach (var attribute in InRange(start, end).Where(a => a.Type == type))
        {
            var value = attribute.Read().Value;
            var entry = 4 + value.Length;
            if ((length != 0 && entry != length) || 2 + output.Count + entry > Mtu)
            {
                break;
            }

            length = entry;
            BinaryPrimitives.WriteUInt16LittleEndian(handles, attribute.Handle);
            BinaryPrimitives.WriteUInt16LittleEndian(handles[2..], attribute.EndGroupHandle);
            output.AddRange(handles);
            output.AddRange(value);
        }

        return length == 0
            ? Error(AttOpcode.ReadByGroupTypeRequest, start, AttErrorCode.AttributeNotFound)
            : Response(AttOpcode.ReadByGroupTypeResponse, length, output);
    }

    private byte[] Read(AttOpcode opcode, ushort handle, int offset)
    {
        if (database.Find(handle) is not { } attribute)
        {
            return Error(opcode, handle, AttErrorCode.InvalidHandle);
        }

        var result = attribute.Read();
        if (result.Error is { } error)
        {
            return Error(opcode, handle, error);
        }

        if (offset > result.Value.Length)
        {
            return Error(opcode, handle, AttErrorCode.InvalidOffset);
        }

        var part = result.Value.AsSpan(offset, Math.Min(result.Value.Length - offset, Mtu - 1));
        return [(byte)(opcode == AttOpcode.ReadRequest ? AttOpcode.ReadResponse : AttOpcode.ReadBlobResponse), .. part];
    }

    private byte[]? Write(ushort handle, byte[] value, bool respond)
    {
        if (database.Find(handle) is not { } attribute)
        {
            return respond ? Error(AttOpcode.WriteRequest, handle, AttErrorCode.InvalidHandle) : null;
        }

        var error = attribute.Write(value);
        if (!respond)
        {
            return null;
        }

        return error is { } e ? Error(AttOpcode.WriteRequest, handle, e) : [(byte)AttOpcode.WriteResponse];
    }

    private IEnumerable<GattEntry> InRange(ushort start, ushort end) =>
        database.Attributes.Where(a => a.Handle >= start && a.Handle <= end);

    private static byte[] Response(AttOpcode opcode, int length, List<byte> entries) => [(byte)opcode, (byte)length, .. entries];
}
