namespace EdgeGateway.CloudBridge.Tests.Support;

/// <summary>Polls a condition that real processes make true asynchronously (a broker delivery, a commit).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
