namespace EdgeGateway.EndToEnd.Uplink;

/// <summary>One item as the cloud saw it: who sent it, its stream and sequence number, and the test's payload number.</summary>
public sealed record ReceivedItem(string GatewayId, string Stream, long Seq, int N);
