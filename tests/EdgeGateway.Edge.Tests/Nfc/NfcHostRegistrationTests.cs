using EdgeGateway.Edge.Nfc;
using EdgeGateway.Edge.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Tests.Nfc;

public class NfcHostRegistrationTests
{
    [Fact]
    public async Task A_host_with_the_simulated_reader_delivers_a_tap_and_exposes_health()
    {
        var outbox = new RecordingOutbox();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Nfc:Transport", "Simulate"), new("Nfc:PollInterval", "00:00:00.020")]);
        builder.Services.AddSingleton<IOutbox>(outbox);
        builder.Services.AddNfcTagService(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (outbox.Items.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await host.StopAsync(TestContext.Current.CancellationToken);
        Assert.Single(outbox.Items);
        Assert.Equal(NfcReaderState.Ready, host.Services.GetRequiredService<NfcReaderHealth>().Snapshot().State);
    }

    [Fact]
    public async Task A_bad_Nfc_section_stops_the_host_at_start_naming_the_key()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Nfc:Transport", "Spi"), new("Nfc:SpiClockHz", "20000000")]);
        builder.Services.AddSingleton<IOutbox>(new RecordingOutbox());
        builder.Services.AddNfcTagService(builder.Configuration);
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Nfc:SpiClockHz", e.Message, StringComparison.Ordinal);
    }
}
