namespace EdgeGateway.Hardware.Pn532;

/// <summary>Card emulation: the PN532 as a target that a phone or another reader talks to (UM0701-02, section 7.3.14+).</summary>
public sealed partial class Pn532
{
    /// <summary>
    /// TgInitAsTarget: waits (up to <paramref name="timeout"/>) for an initiator to activate us. Returns the
    /// activation mode byte and the first command the initiator sent.
    /// </summary>
    public async Task<(byte Mode, byte[] InitiatorCommand)> TgInitAsTargetAsync(Pn532TargetSettings settings, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var parameters = settings.ToParameters();
        var response = new byte[MaxExchangeLength];
        var length = await ExecuteAsync(Pn532CommandCode.TgInitAsTarget, parameters, response, timeout, cancellationToken);
        Require(Pn532CommandCode.TgInitAsTarget, length, 1);
        return (response[0], response.AsSpan(1, length - 1).ToArray());
    }

    /// <summary>TgGetData: the next command from the initiator; returns its length in <paramref name="response"/>.</summary>
    public Task<int> TgGetDataAsync(Memory<byte> response, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        StatusExchangeAsync(Pn532CommandCode.TgGetData, null, ReadOnlyMemory<byte>.Empty, response, timeout, cancellationToken);

    /// <summary>TgSetData: our answer to the initiator's last command.</summary>
    public Task TgSetDataAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        StatusExchangeAsync(Pn532CommandCode.TgSetData, null, data, Memory<byte>.Empty, null, cancellationToken);
}
