using EdgeGateway.Hardware.Hci.Transports;

namespace EdgeGateway.Hardware.Tests.Hci;

public class HciUserChannelTests
{
    [Fact]
    public void Busy_device_error_names_the_commands_that_free_it()
    {
        var message = HciUserChannelErrors.Describe("bind", 16, 0);
        Assert.Contains("hci0 is busy", message, StringComparison.Ordinal);
        Assert.Contains("sudo hciconfig hci0 down", message, StringComparison.Ordinal);
        Assert.Contains("systemctl disable --now bluetooth", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bind", 1)]
    [InlineData("bind", 13)]
    [InlineData("socket", 1)]
    public void Permission_errors_name_the_capabilities(string call, int errno)
    {
        var message = HciUserChannelErrors.Describe(call, errno, 1);
        Assert.Contains("CAP_NET_ADMIN", message, StringComparison.Ordinal);
        Assert.Contains("CAP_NET_RAW", message, StringComparison.Ordinal);
        Assert.Contains("setcap", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_kernel_support_and_missing_device_are_told_apart()
    {
        Assert.Contains("modprobe bluetooth", HciUserChannelErrors.Describe("socket", 97, 0), StringComparison.Ordinal);
        Assert.Contains("there is no hci3", HciUserChannelErrors.Describe("bind", 19, 3), StringComparison.Ordinal);
        Assert.Contains("rfkill unblock", HciUserChannelErrors.Describe("bind", 132, 0), StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_a_device_that_cannot_be_had_fails_with_a_transport_error_not_a_crash()
    {
        // This machine has no usable controller (no radio, or no permission, or no kernel support): the real
        // P/Invoke path runs and must end in our exception with an errno and advice.
        var ex = Assert.Throws<HciTransportException>(() => HciUserChannel.Open(250).Dispose());
        Assert.NotEqual(0, ex.Errno);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }
}
