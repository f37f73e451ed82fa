namespace EdgeGateway.Protocol.Topics;

/// <summary>Which message of the contract a topic carries.</summary>
public enum TopicKind
{
    Status,
    Up,
    ConfigDesired,
    ConfigReported,
    Command,
    CommandResult,
}
