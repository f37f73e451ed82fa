using System.Text;
using EdgeGateway.Protocol.Commands;
using EdgeGateway.Protocol.Config;
using EdgeGateway.Protocol.Serialization;

namespace EdgeGateway.Protocol.Tests.Serialization;

public class ProtocolPayloadTests
{
    [Fact]
    public void Reads_a_current_payload_and_tolerates_unknown_fields()
    {
        var json = """{"v":1,"version":7,"beacons":[{"beaconId":"b1","txPowerDbm":-8,"future":true}],"newField":{"x":1}}"""u8;

        Assert.True(Read(json, out var desired, out var error), error);
        Assert.Equal(7, desired!.Version);
        Assert.Equal(-8, Assert.Single(desired.Beacons).TxPowerDbm);
    }

    [Theory]
    [InlineData("""{"v":2,"version":7}""", "unsupported protocol version v=2")]
    [InlineData("""{"v":0,"version":7}""", "unsupported protocol version v=0")]
    [InlineData("""{"v":1}""", "version")]
    [InlineData("""{"v":1,"version":"seven"}""", "DesiredConfig")]
    [InlineData("""{"v":1,"version":7""", "DesiredConfig")]
    [InlineData("null", "JSON null")]
    public void Refuses_bad_payloads_with_a_reason_instead_of_throwing(string json, string reason)
    {
        Assert.False(Read(Encoding.UTF8.GetBytes(json), out var desired, out var error));
        Assert.Null(desired);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_the_version_of_commands_too()
    {
        var ok = ProtocolPayload.TryRead(
            """{"v":9,"requestId":"r1","name":"selftest.run"}"""u8,
            ProtocolJsonContext.Default.CommandRequest,
            c => c.Version,
            out CommandRequest? _,
            out var error);

        Assert.False(ok);
        Assert.Contains("CommandRequest", error, StringComparison.Ordinal);
    }

    private static bool Read(ReadOnlySpan<byte> json, out DesiredConfig? desired, out string? error) =>
        ProtocolPayload.TryRead(json, ProtocolJsonContext.Default.DesiredConfig, d => d.ProtocolVersion, out desired, out error);
}
