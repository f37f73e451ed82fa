namespace EdgeGateway.Edge.Nfc;

/// <summary>How the gateway reaches its PN532.</summary>
public enum NfcTransportKind
{
    /// <summary>UART (Pi header pins 8/10 or a USB-serial adapter), 115200 8N1.</summary>
    Hsu,

    /// <summary>I2C bus (address 0x24).</summary>
    I2c,

    /// <summary>SPI bus with a chip-select line (and an optional IRQ pin).</summary>
    Spi,

    /// <summary>The emulated PN532 with a demo tag in its field; no hardware needed.</summary>
    Simulate,
}
