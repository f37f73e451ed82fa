using System.CommandLine;
using EdgeGateway.Edge.Nfc;

namespace EdgeGateway.Edge.Cli;

/// <summary>`edgegw nfc write-url URL`: encodes the next tag presented with one URI record, verified by reading it back.</summary>
internal static class NfcWriteUrlCommand
{
    public static Command Build()
    {
        var url = new Argument<string>("url") { Description = "Absolute URL to write, e.g. https://shop.example/t/42." };
        var command = new Command("write-url", "Write a URL (NDEF URI record) to the next NTAG21x presented and verify it.");
        command.Arguments.Add(url);
        command.SetAction(async (ParseResult result, CancellationToken ct) =>
        {
            var value = result.GetValue(url)!;
            if (!NfcWriteJobs.IsWritableUrl(value, out var reason))
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"nfc: {reason}");
                return 2;
            }

            return await NfcCommand.RunAsync(result, async (session, output, token) =>
            {
                var target = await NfcCommand.WaitForTagAsync(session, result, token);
                if (target is null)
                {
                    await result.InvocationConfiguration.Error.WriteLineAsync($"nfc: no tag presented within {result.GetValue(NfcCommand.Wait)} s.");
                    return 1;
                }

                var written = await session.WriteUrlAsync(target, value, token);
                await session.ReleaseAsync(token);
                if (!written.Success)
                {
                    await result.InvocationConfiguration.Error.WriteLineAsync($"nfc: {written.Error}");
                    return 1;
                }

                await output.WriteLineAsync($"wrote {written.Url} to {written.TagType} {written.Uid} ({written.BytesWritten} bytes), verified by read-back");
                return 0;
            }, ct);
        });
        return command;
    }
}
