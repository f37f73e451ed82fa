using EdgeGateway.Hardware.Nfc.Ndef;
using EdgeGateway.Hardware.Nfc.Ntag;
using EdgeGateway.Hardware.Pn532;

namespace EdgeGateway.Hardware.Nfc;

/// <summary>
/// Reads what a tapped tag has to say: identity for every type A tag; for NTAG21x also the NFC counter,
/// whether it carries an originality signature, and its NDEF message. Tag-level failures (tag pulled
/// away) surface as <see cref="Pn532Exception"/>; malformed NDEF is reported in the snapshot.
/// </summary>
public sealed class NfcTagReader(Pn532.Pn532 pn532)
{
    public async Task<NfcTagSnapshot> ReadAsync(Pn532Target target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var kind = NfcTagIdentification.FromAnticollision(target.Atqa, target.Sak);
        if (!NfcTagIdentification.IsUltralightFamily(target))
        {
            return new NfcTagSnapshot(target.Uid, kind, target.Atqa, target.Sak, null, NdefMessage.Empty, false, null, null);
        }

        var tag = await ActivateAsync(target, cancellationToken);
        var counter = await tag.ReadCounterAsync(cancellationToken);
        var signaturePresent = false;
        if (tag.Map.HasConfiguration)
        {
            var signature = await tag.ReadSignatureAsync(cancellationToken);
            signaturePresent = signature.AsSpan().ContainsAnyExcept((byte)0);
        }

        try
        {
            var ndef = await tag.ReadNdefAsync(cancellationToken);
            return new NfcTagSnapshot(target.Uid, NfcTagIdentification.FromNtagType(tag.Map.Type), target.Atqa, target.Sak,
                counter, ndef, signaturePresent, null, null);
        }
        catch (NdefFormatException e)
        {
            return new NfcTagSnapshot(target.Uid, NfcTagIdentification.FromNtagType(tag.Map.Type), target.Atqa, target.Sak,
                counter, NdefMessage.Empty, signaturePresent, e.Error, e.Message);
        }
    }

    /// <summary>
    /// GET_VERSION to pick the memory map. A plain Ultralight NAKs it, which halts the tag, so it is
    /// re-selected before use.
    /// </summary>
    public async Task<NtagTag> ActivateAsync(Pn532Target target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            var tag = await NtagTag.IdentifyAsync(pn532, target, cancellationToken);
            if (tag is not null)
            {
                return tag;
            }
        }
        catch (Pn532Exception e) when (e.Status is Pn532Status.Authentication or Pn532Status.Timeout)
        {
            var again = await pn532.InListPassiveTargetAsync(null, cancellationToken);
            if (again is null || !again.Uid.AsSpan().SequenceEqual(target.Uid))
            {
                throw;
            }

            target = again;
        }

        return new NtagTag(pn532, target, NtagMemoryMap.Ultralight);
    }
}
