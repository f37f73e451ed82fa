using System.CommandLine;
using EdgeGateway.Hardware.Nfc;

namespace EdgeGateway.Edge.Cli;

/// <summary>`edgegw nfc info`: proves the reader answers — firmware, a communication-line test, and what is in the field.</summary>
internal static class NfcInfoCommand
{
    public static Command Build()
    {
        var command = new Command("info", "Show the PN532's firmware, run its communication test, and list a tag in the field.");
        command.SetAction((ParseResult result, CancellationToken ct) => NfcCommand.RunAsync(result, async (session, output, token) =>
        {
            var firmware = await session.Pn532.GetFirmwareVersionAsync(token);
            var echo = await session.Pn532.DiagnoseCommunicationAsync("edgegw"u8.ToArray(), token);
            var target = await session.PollAsync(token);
            await output.WriteLineAsync($"reader: {session.Pn532.TransportName}");
            await output.WriteLineAsync($"firmware: {firmware}");
            await output.WriteLineAsync($"communication test: {(echo ? "ok" : "FAILED (echo mismatch)")}");
            await output.WriteLineAsync(target is null
                ? "tag: none in the field"
                : $"tag: {target.UidHex} ({Family(target)}, ATQA {target.Atqa:x4}, SAK {target.Sak:x2}); `nfc read` for details");
            if (target is not null)
            {
                await session.ReleaseAsync(token);
            }

            return echo ? 0 : 1;
        }, ct));
        return command;
    }

    private static string Family(Hardware.Pn532.Pn532Target target) =>
        NfcTagIdentification.IsUltralightFamily(target)
            ? "NTAG21x/Ultralight family"
            : NfcTagIdentification.ContractName(NfcTagIdentification.FromAnticollision(target.Atqa, target.Sak));
}
