namespace EdgeGateway.Hardware.Pn532;

/// <summary>What went wrong talking to the PN532; each value is counted and has its own message.</summary>
public enum Pn532Error
{
    /// <summary>The chip did not acknowledge the command frame: not powered, wrong bus, wrong wiring or mode switch.</summary>
    NoAck,

    /// <summary>The chip acknowledged but did not answer in time; the driver sent an ACK to abort.</summary>
    ResponseTimeout,

    /// <summary>Frames kept arriving with bad checksums or lengths, even after asking again with NACK.</summary>
    BadFrame,

    /// <summary>The chip answered with the application-level error frame (it did not understand our frame).</summary>
    SyntaxError,

    /// <summary>The response was well formed but not the answer to our command, or too short.</summary>
    UnexpectedResponse,

    /// <summary>The chip reported a non-zero status byte; see <see cref="Pn532Exception.Status"/>.</summary>
    Status,

    /// <summary>The bus itself failed (serial port gone, I2C/SPI I/O error).</summary>
    Transport,
}
