using EdgeGateway.Edge.Nfc;

namespace EdgeGateway.Edge.Tests.Nfc;

public class NfcOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new NfcOptionsValidator().Validate(null, new NfcOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Nfc:SerialPort")]
    [InlineData("Nfc:PollInterval")]
    [InlineData("Nfc:SpiClockHz")]
    [InlineData("Nfc:I2cAddress")]
    [InlineData("Nfc:RemovalPolls")]
    public void Each_bad_value_is_named_by_its_key(string key)
    {
        var options = key switch
        {
            "Nfc:SerialPort" => new NfcOptions { SerialPort = " " },
            "Nfc:PollInterval" => new NfcOptions { PollInterval = TimeSpan.Zero },
            "Nfc:SpiClockHz" => new NfcOptions { SpiClockHz = 20_000_000 },
            "Nfc:I2cAddress" => new NfcOptions { I2cAddress = 0x200 },
            _ => new NfcOptions { RemovalPolls = 0 },
        };

        var result = new NfcOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_debouncer_reads_a_held_tag_once_and_a_returning_tag_again()
    {
        var debouncer = new NfcTapDebouncer(removalPolls: 2);

        Assert.True(debouncer.Seen("a"));
        Assert.False(debouncer.Seen("a"));
        debouncer.Empty();
        Assert.False(debouncer.Seen("a"));
        debouncer.Empty();
        debouncer.Empty();
        Assert.True(debouncer.Seen("a"));
        Assert.True(debouncer.Seen("b"));
    }
}
