using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Nfc;

/// <summary>Rejects an `Nfc` section that cannot work, naming the key, so start-up fails with one clear line.</summary>
public sealed class NfcOptionsValidator : IValidateOptions<NfcOptions>
{
    public ValidateOptionsResult Validate(string? name, NfcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Transport))
        {
            failures.Add($"Nfc:Transport '{options.Transport}' is not one of hsu, i2c, spi, simulate.");
        }

        if (options.Transport == NfcTransportKind.Hsu && string.IsNullOrWhiteSpace(options.SerialPort))
        {
            failures.Add("Nfc:SerialPort is required when Nfc:Transport is hsu.");
        }

        if (options.I2cBus < 0 || options.SpiBus < 0 || options.SpiChipSelect < 0)
        {
            failures.Add("Nfc:I2cBus, Nfc:SpiBus and Nfc:SpiChipSelect must not be negative.");
        }

        if (options.I2cAddress is < 0x08 or > 0x77)
        {
            failures.Add($"Nfc:I2cAddress 0x{options.I2cAddress:X2} is not a 7-bit I2C address (the PN532 uses 0x24).");
        }

        if (options.SpiClockHz is < 10_000 or > 5_000_000)
        {
            failures.Add($"Nfc:SpiClockHz {options.SpiClockHz} is outside 10 kHz-5 MHz (the PN532's SPI limit is 5 MHz).");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(10) || options.PollInterval > TimeSpan.FromSeconds(10))
        {
            failures.Add($"Nfc:PollInterval {options.PollInterval} is outside 10 ms-10 s.");
        }

        if (options.RemovalPolls is < 1 or > 50)
        {
            failures.Add($"Nfc:RemovalPolls {options.RemovalPolls} is outside 1-50.");
        }

        if (options.ResponseTimeout < TimeSpan.FromMilliseconds(50) || options.ResponseTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add($"Nfc:ResponseTimeout {options.ResponseTimeout} is outside 50 ms-30 s.");
        }

        if (options.RetryInitial <= TimeSpan.Zero || options.RetryMax < options.RetryInitial)
        {
            failures.Add("Nfc:RetryInitial must be positive and Nfc:RetryMax at least as long.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
