namespace EdgeGateway.Hardware.Ble.Eddystone;

/// <summary>A configuration session that failed, with its named <see cref="Failure"/>.</summary>
public sealed class EddystoneConfigException : Exception
{
    public EddystoneConfigException()
    {
    }

    public EddystoneConfigException(string message)
        : base(message)
    {
    }

    public EddystoneConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EddystoneConfigException(EddystoneConfigFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public EddystoneConfigFailure Failure { get; }

    /// <summary>The protocol's `reason` text: not-in-range, connection-failed, wrong-lock-key, characteristic-missing, ...</summary>
    public string Reason => ReasonOf(Failure);

    public static string ReasonOf(EddystoneConfigFailure failure) => failure switch
    {
        EddystoneConfigFailure.NotInRange => "not-in-range",
        EddystoneConfigFailure.ConnectionFailed => "connection-failed",
        EddystoneConfigFailure.WrongLockKey => "wrong-lock-key",
        EddystoneConfigFailure.CharacteristicMissing => "characteristic-missing",
        EddystoneConfigFailure.ValueOutOfRange => "value-out-of-range",
        EddystoneConfigFailure.Disconnected => "disconnected",
        _ => "protocol-error",
    };
}
