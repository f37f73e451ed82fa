using EdgeGateway.Edge.Tracking;
using EdgeGateway.Hardware.Ble;
using EdgeGateway.Hardware.Hci;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Edge.Scanning;

/// <summary>
/// The hot path: advertising report → decoded frames → tracker update, in place and without allocating.
/// Malformed advertising data is counted and the first occurrence logged with its bytes; the frames that
/// did decode are still used.
/// </summary>
public sealed class ReportPipeline
{
    private static readonly Action<ILogger, string, string, string, Exception?> LogMalformed =
        LoggerMessage.Define<string, string, string>(LogLevel.Warning, new EventId(2, "MalformedAdvertisingData"),
            "Malformed advertising data from {Address}: {Reason}; bytes {Hex} (further ones are only counted)");

    private readonly BeaconTracker _tracker;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _malformed;

    public ReportPipeline(BeaconTracker tracker, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        _tracker = tracker;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Handler = OnReport;
    }

    /// <summary>The cached delegate to hand to <see cref="HciHost.AdvertisingReportReceived"/>.</summary>
    public AdvertisingReportHandler Handler { get; }

    public BeaconTracker Tracker => _tracker;

    /// <summary>Reports whose advertising data did not parse cleanly.</summary>
    public long MalformedAdvertisingData => Interlocked.Read(ref _malformed);

    public void OnReport(in AdvertisingReport report)
    {
        var error = AdvertisementDecoder.Decode(report.Data, out var advertisement);
        if (error is not null && Interlocked.Increment(ref _malformed) == 1)
        {
            LogMalformed(_logger, report.Address.ToString(), error, Convert.ToHexString(report.Data), null);
        }

        _tracker.Observe(report, advertisement, _time.GetUtcNow());
    }
}
