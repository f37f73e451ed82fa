namespace EdgeGateway.Edge.Nfc;

/// <summary>The `Nfc` configuration section: which bus the PN532 is on and how the tag service polls it.</summary>
public sealed class NfcOptions
{
    public const string Section = "Nfc";

    public bool Enabled { get; set; } = true;

    public NfcTransportKind Transport { get; set; } = NfcTransportKind.Hsu;

    /// <summary>HSU: the serial device (/dev/serial0 for the Pi's header UART, /dev/ttyUSB0 for an adapter).</summary>
    public string SerialPort { get; set; } = "/dev/serial0";

    public int I2cBus { get; set; } = 1;

    public int I2cAddress { get; set; } = 0x24;

    public int SpiBus { get; set; }

    public int SpiChipSelect { get; set; }

    /// <summary>BCM number of the PN532 IRQ line, or -1 to poll the status byte.</summary>
    public int SpiIrqPin { get; set; } = -1;

    /// <summary>The PN532 accepts up to 5 MHz; 1 MHz is safe on breadboard wiring.</summary>
    public int SpiClockHz { get; set; } = 1_000_000;

    /// <summary>Time between two looks for a tag.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Empty polls in a row before a tag counts as taken away; a tag held still is read once.</summary>
    public int RemovalPolls { get; set; } = 2;

    /// <summary>How long the chip may take to answer one command.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait before reopening a reader that failed; doubles up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryInitial { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMax { get; set; } = TimeSpan.FromSeconds(30);
}
