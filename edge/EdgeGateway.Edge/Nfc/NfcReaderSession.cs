using System.Diagnostics;
using EdgeGateway.Hardware.Nfc;
using EdgeGateway.Hardware.Nfc.Ndef;
using EdgeGateway.Hardware.Pn532;

namespace EdgeGateway.Edge.Nfc;

/// <summary>
/// What the gateway does with an open PN532: bring it up, look for a tag, read it, encode a URL. Used by
/// the tag service's loop and by the `edgegw nfc` verbs, so both behave identically.
/// </summary>
public sealed class NfcReaderSession(Pn532 pn532)
{
    private readonly NfcTagReader _reader = new(pn532);

    public Pn532 Pn532 { get; } = pn532;

    /// <summary>Firmware check, SAM normal mode, and one passive-activation retry so a poll returns at once when the field is empty.</summary>
    public async Task<Pn532FirmwareVersion> InitializeAsync(CancellationToken cancellationToken)
    {
        var firmware = await Pn532.GetFirmwareVersionAsync(cancellationToken);
        if (!firmware.IsPn532)
        {
            throw new Pn532Exception(Pn532Error.UnexpectedResponse, $"chip reports IC 0x{firmware.IC:X2}; this driver expects a PN532 (0x32).");
        }

        await Pn532.SamConfigurationAsync(Pn532SamMode.Normal, 0x14, true, cancellationToken);
        await Pn532.SetMaxRetriesAsync(0xFF, 0x01, 0x01, cancellationToken);
        return firmware;
    }

    public Task<Pn532Target?> PollAsync(CancellationToken cancellationToken) =>
        Pn532.InListPassiveTargetAsync(null, cancellationToken);

    public Task<NfcTagSnapshot> ReadAsync(Pn532Target target, CancellationToken cancellationToken) =>
        _reader.ReadAsync(target, cancellationToken);

    /// <summary>Writes <paramref name="url"/> as a single URI record and reads it back to verify.</summary>
    public async Task<NfcWriteResult> WriteUrlAsync(Pn532Target target, string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var kind = NfcTagIdentification.FromAnticollision(target.Atqa, target.Sak);
        if (!NfcTagIdentification.IsUltralightFamily(target))
        {
            return NfcWriteResult.Failed(url, $"tag is {NfcTagIdentification.ContractName(kind)}; only NTAG21x/Ultralight tags can be encoded.",
                target.UidHex, NfcTagIdentification.ContractName(kind));
        }

        var tag = await _reader.ActivateAsync(target, cancellationToken);
        var tagType = NfcTagIdentification.ContractName(NfcTagIdentification.FromNtagType(tag.Map.Type));
        var message = new NdefMessage([NdefRecord.CreateUri(url)]);
        try
        {
            await tag.WriteNdefAsync(message, cancellationToken);
        }
        catch (NdefFormatException e)
        {
            return NfcWriteResult.Failed(url, e.Message, target.UidHex, tagType);
        }
        catch (InvalidOperationException e)
        {
            return NfcWriteResult.Failed(url, e.Message, target.UidHex, tagType);
        }

        var readBack = await tag.ReadNdefAsync(cancellationToken);
        var written = readBack.Records is [var record] && record.IsWellKnown('U') ? NdefUri.Decode(record.Payload) : null;
        return written == url
            ? new NfcWriteResult(true, target.UidHex, tagType, url, NdefTlv.Wrap(message.ToBytes()).Length, null)
            : NfcWriteResult.Failed(url, $"read-back mismatch: tag holds '{written ?? "(no URI record)"}'.", target.UidHex, tagType);
    }

    /// <summary>Lets the tag go; it has usually left already, so tag-level errors are expected and ignored.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Pn532.InReleaseAsync(0, cancellationToken);
        }
        catch (Pn532Exception e) when (e.Error == Pn532Error.Status)
        {
            Debug.WriteLine(e.Message);
        }
    }
}
