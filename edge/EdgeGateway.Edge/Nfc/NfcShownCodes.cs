using EdgeGateway.Protocol.Commands;

namespace EdgeGateway.Edge.Nfc;

/// <summary>
/// The last few codes the cloud sent in answer to taps (`nfc.show-code`: Wi-Fi vouchers, coupons), newest
/// first, for the diagnostics page next to the taps that earned them.
/// </summary>
public sealed class NfcShownCodes(int capacity = 20)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<NfcShownCode> _recent = new();

    public IReadOnlyList<NfcShownCode> Recent()
    {
        lock (_lock)
        {
            return _recent.ToArray();
        }
    }

    public void Record(ShowCodeArgs code, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(code);
        lock (_lock)
        {
            _recent.AddFirst(new NfcShownCode(at, code.Kind, code.Code, code.Label, code.TagUid, code.ExpiresAt));
            while (_recent.Count > capacity)
            {
                _recent.RemoveLast();
            }
        }
    }
}
