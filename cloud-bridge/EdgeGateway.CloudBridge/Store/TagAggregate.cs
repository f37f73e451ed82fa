using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.CloudBridge.Store;

/// <summary>All taps of one NFC tag in a committed batch folded into one row update.</summary>
public sealed class TagAggregate(string uid)
{
    public string Uid { get; } = uid;

    public TagReadItem? Latest { get; private set; }

    public string Gateway { get; private set; } = string.Empty;

    public long Taps { get; private set; }

    public void Add(string gateway, TagReadItem item)
    {
        Taps++;
        if (Latest is null || item.At >= Latest.At)
        {
            Latest = item;
            Gateway = gateway;
        }
    }

    /// <summary>The first URI record of the latest read: what the tag points shoppers to.</summary>
    public string? Url => Latest?.Ndef.FirstOrDefault(r => r.Uri is not null)?.Uri;
}
