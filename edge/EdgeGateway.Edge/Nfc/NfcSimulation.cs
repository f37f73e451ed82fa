using EdgeGateway.Hardware.Emulation.Pn532;
using EdgeGateway.Hardware.Emulation.Pn532.Tags;
using EdgeGateway.Hardware.Nfc.Ndef;
using EdgeGateway.Hardware.Nfc.Ntag;

namespace EdgeGateway.Edge.Nfc;

/// <summary>The simulated store's reader: an emulated PN532 with one demo NTAG213 (URL record, counter on) in its field.</summary>
public static class NfcSimulation
{
    public const string DemoUrl = "https://edgegateway.example/t/demo-shelf-1";

    public static byte[] DemoUid { get; } = [0x04, 0x5A, 0x6B, 0x7C, 0x8D, 0x9E, 0xA0];

    public static EmulatedPn532 CreateReaderWithDemoTag()
    {
        var chip = new EmulatedPn532();
        chip.PlaceTag(CreateDemoTag());
        return chip;
    }

    public static VirtualNtag CreateDemoTag()
    {
        var tag = new VirtualNtag(NtagType.Ntag213, DemoUid) { Counter = 41 };
        tag.LoadNdef(new NdefMessage([NdefRecord.CreateUri(DemoUrl)]));
        tag.Poke(tag.Map.Config1Page, [NtagCommand.AccessNfcCounterEnable, 0, 0, 0]);
        return tag;
    }
}
