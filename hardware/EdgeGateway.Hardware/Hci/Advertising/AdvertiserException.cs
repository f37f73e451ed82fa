namespace EdgeGateway.Hardware.Hci.Advertising;

/// <summary>An advertising step the controller refused, with the refusal named (<see cref="Error"/>) and the step that failed.</summary>
public sealed class AdvertiserException : Exception
{
    public AdvertiserException()
    {
    }

    public AdvertiserException(string message)
        : base(message)
    {
    }

    public AdvertiserException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AdvertiserException(AdvertiserError error, string step, Exception innerException)
        : base($"own advertiser: {step} failed ({error}): {innerException?.Message}", innerException)
    {
        Error = error;
        Step = step;
    }

    public AdvertiserError Error { get; } = AdvertiserError.ControllerError;

    /// <summary>The command that failed, e.g. "LE Set Advertising Parameters".</summary>
    public string Step { get; } = "";

    /// <summary>The raw HCI status when the controller answered; null for timeouts.</summary>
    public byte? Status => (InnerException as HciException)?.Status;

    internal static AdvertiserException From(string step, Exception failure) => failure switch
    {
        HciCommandTimeoutException => new AdvertiserException(AdvertiserError.Timeout, step, failure),
        HciException { Status: (byte)HciStatusCode.InvalidHciCommandParameters } => new AdvertiserException(AdvertiserError.InvalidParameters, step, failure),
        HciException { Status: (byte)HciStatusCode.CommandDisallowed } => new AdvertiserException(AdvertiserError.CommandDisallowed, step, failure),
        HciException { Status: (byte)HciStatusCode.UnknownHciCommand or (byte)HciStatusCode.UnsupportedFeatureOrParameterValue } =>
            new AdvertiserException(AdvertiserError.Unsupported, step, failure),
        HciException { Status: (byte)HciStatusCode.MemoryCapacityExceeded or (byte)HciStatusCode.LimitReached } =>
            new AdvertiserException(AdvertiserError.NoResources, step, failure),
        HciException { Status: (byte)HciStatusCode.UnknownAdvertisingIdentifier } => new AdvertiserException(AdvertiserError.UnknownAdvertisingSet, step, failure),
        _ => new AdvertiserException(AdvertiserError.ControllerError, step, failure),
    };
}
