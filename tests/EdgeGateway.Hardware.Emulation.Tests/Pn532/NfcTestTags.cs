using EdgeGateway.Hardware.Emulation.Pn532.Tags;
using EdgeGateway.Hardware.Nfc.Ndef;
using EdgeGateway.Hardware.Nfc.Ntag;

namespace EdgeGateway.Hardware.Emulation.Tests.Pn532;

/// <summary>Virtual tags pre-programmed the way the factory or an installer leaves them.</summary>
public static class NfcTestTags
{
    public static VirtualNtag WithUrl(string url, NtagType type = NtagType.Ntag213)
    {
        var tag = new VirtualNtag(type, [0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60]);
        tag.LoadNdef(new NdefMessage([NdefRecord.CreateUri(url)]));
        return tag;
    }
}
