namespace EdgeGateway.Hardware.Pn532;

/// <summary>General and initiator commands (UM0701-02, sections 7.2 and 7.3).</summary>
public sealed partial class Pn532
{
    /// <summary>Max data an InDataExchange/InCommunicateThru answer can carry (buffer 264 minus status).</summary>
    public const int MaxExchangeLength = 262;

    public async Task<Pn532FirmwareVersion> GetFirmwareVersionAsync(CancellationToken cancellationToken)
    {
        var response = new byte[4];
        var length = await ExecuteAsync(Pn532CommandCode.GetFirmwareVersion, ReadOnlyMemory<byte>.Empty, response, null, cancellationToken);
        Require(Pn532CommandCode.GetFirmwareVersion, length, 4);
        return new Pn532FirmwareVersion(response[0], response[1], response[2], response[3]);
    }

    /// <summary>Must follow wake-up: a PN532 in Low VBat mode answers nothing else reliably.</summary>
    public async Task SamConfigurationAsync(Pn532SamMode mode = Pn532SamMode.Normal, byte timeout = 0x14, bool useIrq = true,
        CancellationToken cancellationToken = default)
    {
        byte[] parameters = [(byte)mode, timeout, useIrq ? (byte)1 : (byte)0];
        await ExecuteAsync(Pn532CommandCode.SamConfiguration, parameters, Memory<byte>.Empty, null, cancellationToken);
    }

    /// <summary>RFConfiguration with a raw configuration item (0x01 field, 0x02 timings, 0x04 MaxRtyCOM, 0x05 max retries, …).</summary>
    public async Task RfConfigurationAsync(byte item, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var parameters = new byte[data.Length + 1];
        parameters[0] = item;
        data.Span.CopyTo(parameters.AsSpan(1));
        await ExecuteAsync(Pn532CommandCode.RfConfiguration, parameters, Memory<byte>.Empty, null, cancellationToken);
    }

    /// <summary>Switches the RF field on or off (item 0x01); off saves power and lets tags reset.</summary>
    public Task SetRfFieldAsync(bool on, bool autoRfca = false, CancellationToken cancellationToken = default) =>
        RfConfigurationAsync(0x01, new[] { (byte)((on ? 0x02 : 0x00) | (autoRfca ? 0x01 : 0x00)) }, cancellationToken);

    /// <summary>Timeouts (item 0x02), each a code 0x00-0x10 meaning 0, 100 µs, 200 µs, 400 µs … 3.28 s.</summary>
    public Task SetRfTimingsAsync(byte atrResTimeout, byte retryTimeout, CancellationToken cancellationToken = default) =>
        RfConfigurationAsync(0x02, new byte[] { 0x00, atrResTimeout, retryTimeout }, cancellationToken);

    /// <summary>
    /// Retry counts (item 0x05). <paramref name="passiveActivation"/> bounds how long InListPassiveTarget
    /// looks for a tag; 0xFF (the power-on default) means forever, which a poll loop must never use.
    /// </summary>
    public Task SetMaxRetriesAsync(byte atr, byte psl, byte passiveActivation, CancellationToken cancellationToken = default) =>
        RfConfigurationAsync(0x05, new[] { atr, psl, passiveActivation }, cancellationToken);

    /// <summary>Diagnose test 0x00 (communication line test): true when the chip echoes <paramref name="payload"/> exactly.</summary>
    public async Task<bool> DiagnoseCommunicationAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var parameters = new byte[payload.Length + 1];
        payload.Span.CopyTo(parameters.AsSpan(1));
        var response = new byte[parameters.Length];
        var length = await ExecuteAsync(Pn532CommandCode.Diagnose, parameters, response, null, cancellationToken);
        return length == parameters.Length && response.AsSpan().SequenceEqual(parameters);
    }

    public async Task SetParametersAsync(Pn532Parameters flags, CancellationToken cancellationToken)
    {
        await ExecuteAsync(Pn532CommandCode.SetParameters, new[] { (byte)flags }, Memory<byte>.Empty, null, cancellationToken);
    }

    /// <summary>Puts the chip into Power Down; it wakes on the sources in <paramref name="wakeUpEnable"/> (bit 4 = HSU, 3 = SPI, 7 = I2C).</summary>
    public async Task PowerDownAsync(byte wakeUpEnable, CancellationToken cancellationToken)
    {
        var response = new byte[1];
        await ExecuteAsync(Pn532CommandCode.PowerDown, new[] { wakeUpEnable }, response, null, cancellationToken);
        ThrowOnStatus(Pn532CommandCode.PowerDown, response[0]);
        _transport.PrepareWakeUp();
    }

    /// <summary>
    /// Looks for one 106 kbps type A target (ISO/IEC 14443 A: NTAG, Ultralight, MIFARE Classic).
    /// Returns null when none answered within the retry count set by <see cref="SetMaxRetriesAsync"/>.
    /// </summary>
    public async Task<Pn532Target?> InListPassiveTargetAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var response = new byte[64];
        var length = await ExecuteAsync(Pn532CommandCode.InListPassiveTarget, new byte[] { 0x01, 0x00 }, response, timeout, cancellationToken);
        Require(Pn532CommandCode.InListPassiveTarget, length, 1);
        if (response[0] == 0)
        {
            return null;
        }

        // NbTg Tg SENS_RES(2) SEL_RES NFCIDLength NFCID1[...] [ATS]
        Require(Pn532CommandCode.InListPassiveTarget, length, 6);
        var uidLength = response[5];
        Require(Pn532CommandCode.InListPassiveTarget, length, 6 + uidLength);
        var atsStart = 6 + uidLength;
        var ats = length > atsStart ? response.AsSpan(atsStart, length - atsStart).ToArray() : [];
        return new Pn532Target(response[1], (ushort)((response[2] << 8) | response[3]), response[4],
            response.AsSpan(6, uidLength).ToArray(), ats);
    }

    /// <summary>Exchanges data with an activated target, the PN532 adding CRC and handling MIFARE ACKs. Returns the answer length.</summary>
    public Task<int> InDataExchangeAsync(byte target, ReadOnlyMemory<byte> data, Memory<byte> response,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        StatusExchangeAsync(Pn532CommandCode.InDataExchange, target, data, response, timeout, cancellationToken);

    /// <summary>Sends raw bytes to the target (the PN532 adds CRC and parity only). Returns the answer length.</summary>
    public Task<int> InCommunicateThruAsync(ReadOnlyMemory<byte> data, Memory<byte> response,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        StatusExchangeAsync(Pn532CommandCode.InCommunicateThru, null, data, response, timeout, cancellationToken);

    /// <summary>Releases target <paramref name="target"/> (0 = all); the chip forgets it.</summary>
    public Task InReleaseAsync(byte target = 0, CancellationToken cancellationToken = default) =>
        StatusOnlyAsync(Pn532CommandCode.InRelease, target, cancellationToken);

    /// <summary>Deselects target <paramref name="target"/> (0 = all), keeping its information for a later InSelect.</summary>
    public Task InDeselectAsync(byte target = 0, CancellationToken cancellationToken = default) =>
        StatusOnlyAsync(Pn532CommandCode.InDeselect, target, cancellationToken);

    private async Task<int> StatusExchangeAsync(Pn532CommandCode command, byte? target, ReadOnlyMemory<byte> data,
        Memory<byte> response, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var offset = target is null ? 0 : 1;
        var parameters = new byte[data.Length + offset];
        if (target is { } tg)
        {
            parameters[0] = tg;
        }

        data.Span.CopyTo(parameters.AsSpan(offset));
        var answer = new byte[Math.Max(response.Length, 0) + 1];
        var length = await ExecuteAsync(command, parameters, answer, timeout, cancellationToken);
        Require(command, length, 1);
        ThrowOnStatus(command, answer[0]);
        answer.AsSpan(1, length - 1).CopyTo(response.Span);
        return length - 1;
    }

    private async Task StatusOnlyAsync(Pn532CommandCode command, byte target, CancellationToken cancellationToken)
    {
        var response = new byte[1];
        var length = await ExecuteAsync(command, new[] { target }, response, null, cancellationToken);
        Require(command, length, 1);
        ThrowOnStatus(command, response[0]);
    }

    private static void ThrowOnStatus(Pn532CommandCode command, byte status)
    {
        // Bit 6 is MI (more information), bit 7 NAD present: not errors.
        var code = (Pn532Status)(status & 0x3F);
        if (code != Pn532Status.Success)
        {
            throw new Pn532Exception(code, command);
        }
    }

    private static void Require(Pn532CommandCode command, int length, int minimum)
    {
        if (length < minimum)
        {
            throw new Pn532Exception(Pn532Error.UnexpectedResponse,
                $"PN532 answer to {command} has {length} data bytes, expected at least {minimum}.");
        }
    }
}
