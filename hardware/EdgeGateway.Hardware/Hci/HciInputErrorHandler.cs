namespace EdgeGateway.Hardware.Hci;

/// <summary>Told about each piece of bad input: its kind, a one-line reason, and the offending bytes.</summary>
public delegate void HciInputErrorHandler(HciInputError kind, string reason, ReadOnlySpan<byte> bytes);
