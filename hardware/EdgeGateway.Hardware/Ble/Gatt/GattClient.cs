using System.Buffers.Binary;
using EdgeGateway.Hardware.Ble.Att;

namespace EdgeGateway.Hardware.Ble.Gatt;

/// <summary>
/// GATT procedures on an <see cref="AttClient"/> (Core spec Vol 3, Part G, 4): discover all primary services
/// (Read By Group Type on 0x2800), discover the characteristics of a service (Read By Type on 0x2803), read a
/// value (Read, then Read Blob while the answer filled ATT_MTU-1), write with response (Write Request).
/// Each discovery walks the handle range until the server answers Attribute Not Found.
/// </summary>
public sealed class GattClient(AttClient att)
{
    public AttClient Att => att;

    public async Task<IReadOnlyList<GattService>> DiscoverPrimaryServicesAsync(CancellationToken cancellationToken)
    {
        var services = new List<GattService>();
        ushort start = 0x0001;
        while (true)
        {
            var request = RangeRequest(AttOpcode.ReadByGroupTypeRequest, start, 0xFFFF, 0x2800);
            byte[] response;
            try
            {
                response = await att.RequestAsync(request, cancellationToken);
            }
            catch (AttErrorException ex) when (ex.Error == AttErrorCode.AttributeNotFound)
            {
                return services;
            }

            var entry = EntryLength(response, 6);
            ushort last = 0;
            for (var i = 2; i + entry <= response.Length; i += entry)
            {
                var handle = BinaryPrimitives.ReadUInt16LittleEndian(response.AsSpan(i));
                last = BinaryPrimitives.ReadUInt16LittleEndian(response.AsSpan(i + 2));
                services.Add(new GattService(handle, last, GattUuid.Read(response.AsSpan(i + 4, entry - 4))));
            }

            if (last == 0xFFFF || last < start)
            {
                return services;
            }

            start = (ushort)(last + 1);
        }
    }

    public async Task<IReadOnlyList<GattCharacteristic>> DiscoverCharacteristicsAsync(GattService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        var characteristics = new List<GattCharacteristic>();
        var start = service.StartHandle;
        while (start <= service.EndHandle)
        {
            var request = RangeRequest(AttOpcode.ReadByTypeRequest, start, service.EndHandle, 0x2803);
            byte[] response;
            try
            {
                response = await att.RequestAsync(request, cancellationToken);
            }
            catch (AttErrorException ex) when (ex.Error == AttErrorCode.AttributeNotFound)
            {
                break;
            }

            // Each entry: declaration handle, then the declaration value: properties, value handle, UUID (2 or 16 bytes).
            var entry = EntryLength(response, 7);
            ushort last = 0;
            for (var i = 2; i + entry <= response.Length; i += entry)
            {
                last = BinaryPrimitives.ReadUInt16LittleEndian(response.AsSpan(i));
                characteristics.Add(new GattCharacteristic(last, response[i + 2], BinaryPrimitives.ReadUInt16LittleEndian(response.AsSpan(i + 3)),
                    GattUuid.Read(response.AsSpan(i + 5, entry - 5))));
            }

            if (last == 0xFFFF || last < start)
            {
                break;
            }

            start = (ushort)(last + 1);
        }

        return characteristics;
    }

    /// <summary>Reads a whole value: Read, then Read Blob from the current length while each part filled the PDU.</summary>
    public async Task<byte[]> ReadAsync(ushort handle, CancellationToken cancellationToken)
    {
        var request = new byte[3];
        request[0] = (byte)AttOpcode.ReadRequest;
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(1), handle);
        var response = await att.RequestAsync(request, cancellationToken);
        var value = new List<byte>(response.AsSpan(1).ToArray());
        var part = response.Length - 1;
        while (part == att.Mtu - 1 && value.Count < 512)
        {
            var blob = new byte[5];
            blob[0] = (byte)AttOpcode.ReadBlobRequest;
            BinaryPrimitives.WriteUInt16LittleEndian(blob.AsSpan(1), handle);
            BinaryPrimitives.WriteUInt16LittleEndian(blob.AsSpan(3), (ushort)value.Count);
            try
            {
                response = await att.RequestAsync(blob, cancellationToken);
            }
            catch (AttErrorException ex) when (ex.Error is AttErrorCode.AttributeNotLong or AttErrorCode.InvalidOffset)
            {
                break;
            }

            value.AddRange(response.AsSpan(1));
            part = response.Length - 1;
        }

        return [.. value];
    }

    /// <summary>Write Request (value at most ATT_MTU-3 bytes); returns when the Write Response arrives.</summary>
    public async Task WriteAsync(ushort handle, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        if (value.Length > att.Mtu - 3)
        {
            throw new ArgumentException($"value of {value.Length} bytes does not fit one Write Request at ATT_MTU {att.Mtu}", nameof(value));
        }

        var request = new byte[3 + value.Length];
        request[0] = (byte)AttOpcode.WriteRequest;
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(1), handle);
        value.Span.CopyTo(request.AsSpan(3));
        await att.RequestAsync(request, cancellationToken);
    }

    private static byte[] RangeRequest(AttOpcode opcode, ushort start, ushort end, ushort type)
    {
        var request = new byte[7];
        request[0] = (byte)opcode;
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(1), start);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(3), end);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(5), type);
        return request;
    }

    private static int EntryLength(byte[] response, int minimum)
    {
        if (response.Length < 2 || response[1] < minimum || (response.Length - 2) % response[1] != 0)
        {
            throw new InvalidDataException($"{(AttOpcode)response[0]} with entry length {(response.Length > 1 ? response[1] : 0)} over {response.Length - 2} bytes");
        }

        return response[1];
    }
}
