using System.CommandLine;
using EdgeGateway.Edge.Nfc;

namespace EdgeGateway.Edge.Cli;

/// <summary>`edgegw nfc read`: waits for one tag and prints it as one JSON object.</summary>
internal static class NfcReadCommand
{
    public static Command Build()
    {
        var command = new Command("read", "Wait for a tag and print it as JSON: uid, type, atqa, sak, counter, NDEF records.");
        command.SetAction((ParseResult result, CancellationToken ct) => NfcCommand.RunAsync(result, async (session, output, token) =>
        {
            var target = await NfcCommand.WaitForTagAsync(session, result, token);
            if (target is null)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"nfc: no tag presented within {result.GetValue(NfcCommand.Wait)} s.");
                return 1;
            }

            var started = TimeProvider.System.GetTimestamp();
            var snapshot = await session.ReadAsync(target, token);
            var item = TagReadItemFactory.Create(snapshot, TimeProvider.System.GetUtcNow(), TimeProvider.System.GetElapsedTime(started));
            await session.ReleaseAsync(token);
            await output.WriteLineAsync(NfcJson.Tag(item));
            if (snapshot.NdefProblemMessage is { } problem)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"nfc: malformed NDEF ({snapshot.NdefProblem}): {problem}");
                return 1;
            }

            return 0;
        }, ct));
        return command;
    }
}
