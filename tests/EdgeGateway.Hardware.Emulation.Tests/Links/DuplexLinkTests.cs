using EdgeGateway.Hardware.Emulation.Links;

namespace EdgeGateway.Hardware.Emulation.Tests.Links;

public class DuplexLinkTests
{
    [Fact]
    public async Task Bytes_written_at_one_end_are_read_at_the_other_in_order()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var link = new DuplexLink();
        byte[] reset = [0x01, 0x03, 0x0C, 0x00];
        await link.HostEnd.WriteAsync(reset, ct);
        await link.DeviceEnd.WriteAsync(new byte[] { 0x04, 0x0E }, ct);

        var atDevice = new byte[4];
        await link.DeviceEnd.ReadExactlyAsync(atDevice, ct);
        var atHost = new byte[2];
        await link.HostEnd.ReadExactlyAsync(atHost, ct);

        Assert.Equal(reset, atDevice);
        Assert.Equal(new byte[] { 0x04, 0x0E }, atHost);
    }

    [Fact]
    public async Task Closing_one_end_is_seen_as_end_of_stream_at_the_other()
    {
        var ct = TestContext.Current.CancellationToken;
        var link = new DuplexLink();
        await link.DeviceEnd.DisposeAsync();
        var read = await link.HostEnd.ReadAsync(new byte[8], ct);
        Assert.Equal(0, read);
        await link.DisposeAsync();
    }
}
