namespace EdgeGateway.Protocol.Topics;

/// <summary>
/// A topic of the contract taken apart. <see cref="Argument"/> is the stream for <see cref="TopicKind.Up"/>,
/// the request id for commands and their results, and null otherwise.
/// </summary>
public readonly record struct ParsedTopic(TopicKind Kind, string GatewayId, string? Argument);
