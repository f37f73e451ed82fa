using System.CommandLine;
using EdgeGateway.Edge.Nfc;
using EdgeGateway.Hardware.Nfc.Ndef;
using EdgeGateway.Hardware.Pn532;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Cli;

/// <summary>
/// `edgegw nfc info|read|write-url|watch`: talk to the PN532 directly (the daemon must not hold the
/// port at the same time). Bus options are shared by every sub-verb.
/// </summary>
internal static class NfcCommand
{
    public static readonly Option<NfcTransportKind> Transport = new("--transport")
    {
        Description = "How the PN532 is connected: hsu, i2c or spi.",
        DefaultValueFactory = _ => NfcTransportKind.Hsu,
        Recursive = true,
    };

    public static readonly Option<string> Port = new("--port")
    {
        Description = "HSU serial device.",
        DefaultValueFactory = _ => "/dev/serial0",
        Recursive = true,
    };

    public static readonly Option<int> I2cBus = new("--i2c-bus")
    {
        Description = "I2C bus number (/dev/i2c-N); the PN532 is at 0x24.",
        DefaultValueFactory = _ => 1,
        Recursive = true,
    };

    public static readonly Option<int> SpiBus = new("--spi-bus")
    {
        Description = "SPI bus number (/dev/spidevB.C).",
        DefaultValueFactory = _ => 0,
        Recursive = true,
    };

    public static readonly Option<int> SpiCs = new("--spi-cs")
    {
        Description = "SPI chip-select line.",
        DefaultValueFactory = _ => 0,
        Recursive = true,
    };

    public static readonly Option<int> SpiIrq = new("--spi-irq")
    {
        Description = "BCM GPIO of the PN532 IRQ line (-1: poll the status byte).",
        DefaultValueFactory = _ => -1,
        Recursive = true,
    };

    public static readonly Option<bool> Simulate = new("--simulate")
    {
        Description = "Use the emulated PN532 with a demo NTAG213 instead of hardware.",
        Recursive = true,
    };

    public static readonly Option<double> Wait = new("--wait")
    {
        Description = "Seconds to wait for a tag to be presented.",
        DefaultValueFactory = _ => 10,
        Recursive = true,
    };

    public static Command Build()
    {
        var nfc = new Command("nfc", "Talk to the PN532 NFC reader: identify it, read a tag, encode a URL, watch taps.");
        foreach (var option in new Option[] { Transport, Port, I2cBus, SpiBus, SpiCs, SpiIrq, Simulate, Wait })
        {
            nfc.Options.Add(option);
        }

        nfc.Subcommands.Add(NfcInfoCommand.Build());
        nfc.Subcommands.Add(NfcReadCommand.Build());
        nfc.Subcommands.Add(NfcWriteUrlCommand.Build());
        nfc.Subcommands.Add(NfcWatchCommand.Build());
        return nfc;
    }

    public static NfcOptions Options(ParseResult result) => new()
    {
        Transport = result.GetValue(Simulate) ? NfcTransportKind.Simulate : result.GetValue(Transport),
        SerialPort = result.GetValue(Port) ?? "",
        I2cBus = result.GetValue(I2cBus),
        SpiBus = result.GetValue(SpiBus),
        SpiChipSelect = result.GetValue(SpiCs),
        SpiIrqPin = result.GetValue(SpiIrq),
        PollInterval = TimeSpan.FromMilliseconds(100),
        RetryInitial = TimeSpan.FromSeconds(1),
        RetryMax = TimeSpan.FromSeconds(10),
    };

    /// <summary>
    /// Opens the reader from the options, runs <paramref name="action"/>, and turns every expected failure
    /// into one line on stderr: 1 for reader/tag errors, 2 for bad options.
    /// </summary>
    public static async Task<int> RunAsync(ParseResult result, Func<NfcReaderSession, TextWriter, CancellationToken, Task<int>> action,
        CancellationToken cancellationToken)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        var options = Options(result);
        var validation = new NfcOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            await error.WriteLineAsync($"nfc: {validation.FailureMessage}");
            return 2;
        }

        var connector = new NfcReaderConnector(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
        try
        {
            await using var connection = connector.Open();
            var session = new NfcReaderSession(connection.Pn532);
            await session.InitializeAsync(cancellationToken);
            return await action(session, output, cancellationToken);
        }
        catch (Pn532Exception e)
        {
            await error.WriteLineAsync($"nfc: {e.Message}");
            return 1;
        }
        catch (NdefFormatException e)
        {
            await error.WriteLineAsync($"nfc: malformed NDEF ({e.Error}): {e.Message}");
            return 1;
        }
    }

    /// <summary>Polls until a tag is in the field or <see cref="Wait"/> seconds pass.</summary>
    public static async Task<Pn532Target?> WaitForTagAsync(NfcReaderSession session, ParseResult result, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetTimestamp();
        var wait = TimeSpan.FromSeconds(Math.Max(0, result.GetValue(Wait)));
        while (true)
        {
            var target = await session.PollAsync(cancellationToken);
            if (target is not null || TimeProvider.System.GetElapsedTime(deadline) >= wait)
            {
                return target;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
