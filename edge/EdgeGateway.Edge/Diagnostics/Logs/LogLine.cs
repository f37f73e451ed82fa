using Microsoft.Extensions.Logging;

namespace EdgeGateway.Edge.Diagnostics.Logs;

/// <summary>One rendered log entry kept for the technicians' live tail.</summary>
public sealed record LogLine(long Sequence, DateTimeOffset At, LogLevel Level, string Category, string Message);
