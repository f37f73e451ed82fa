using EdgeGateway.Edge.Nfc;
using EdgeGateway.Hardware.Emulation.Pn532;
using EdgeGateway.Hardware.Emulation.Pn532.Tags;
using EdgeGateway.Hardware.Nfc.Ntag;
using EdgeGateway.Protocol.Streams;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Tests.Nfc;

/// <summary>The tag service against the emulated PN532 over the HSU driver, with real time and short intervals.</summary>
public sealed class NfcTagServiceTests : IAsyncDisposable
{
    private readonly RecordingOutbox _outbox = new();
    private readonly NfcWriteJobs _jobs = new();
    private readonly NfcReaderHealth _health = new();
    private readonly NfcReaderConnector _connector;
    private readonly NfcTagService _service;

    public NfcTagServiceTests()
    {
        var options = Options.Create(new NfcOptions
        {
            Transport = NfcTransportKind.Simulate,
            PollInterval = TimeSpan.FromMilliseconds(20),
            RemovalPolls = 2,
            // The emulator answers in microseconds; a tight timeout would only turn a starved CI machine's pause into a
            // reconnect, and a reconnect re-reads the tag still on the reader as a new tap.
            ResponseTimeout = TimeSpan.FromSeconds(3),
            RetryInitial = TimeSpan.FromMilliseconds(50),
            RetryMax = TimeSpan.FromMilliseconds(200),
        });
        _connector = new NfcReaderConnector(options, TimeProvider.System);
        _service = new NfcTagService(options, _connector, _outbox, _jobs, _health, new NfcRecentTaps(), TimeProvider.System, NullLogger<NfcTagService>.Instance);
    }

    private EmulatedPn532 Chip => _connector.Simulator!;

    [Fact]
    public async Task A_tag_held_on_the_reader_is_one_TagRead_with_every_field()
    {
        await _service.StartAsync(TestContext.Current.CancellationToken);
        await Until(() => _outbox.Items.Count == 1);
        await Task.Delay(300, TestContext.Current.CancellationToken);

        var (stream, _, priority) = Assert.Single(_outbox.Items);
        var read = _outbox.TagReads[0];
        Assert.Equal(StreamNames.Nfc, stream);
        Assert.Equal(EdgeGateway.Edge.Outbox.OutboxPriority.Normal, priority);
        Assert.Equal("045a6b7c8d9ea0", read.Uid);
        Assert.Equal("ntag213", read.TagType);
        Assert.Equal(42, read.Counter);
        Assert.True(read.SignaturePresent);
        Assert.True(read.ReadMs > 0);
        Assert.Equal("https://edgegateway.example/t/demo-shelf-1", Assert.Single(read.Ndef).Uri);
        Assert.Equal(NfcReaderState.Ready, _health.Snapshot().State);
    }

    [Fact]
    public async Task Taking_the_tag_away_and_back_is_a_second_tap_and_counts_up()
    {
        await _service.StartAsync(TestContext.Current.CancellationToken);
        await Until(() => _outbox.Items.Count == 1);
        var tag = Chip.TagInField!;

        var before = Chip.CommandsProcessed;
        Chip.RemoveTag();
        // Removal counts after RemovalPolls (2) empty polls; wait for more than that rather than for a fixed time.
        await Until(() => Chip.CommandsProcessed >= before + 5);
        Chip.PlaceTag(tag);
        await Until(() => _outbox.Items.Count == 2);

        Assert.Equal([42L, 43L], _outbox.TagReads.Select(r => r.Counter!.Value));
        Assert.Equal(2, _health.Snapshot().Taps);
    }

    [Fact]
    public async Task An_unplugged_reader_is_reported_and_recovers_by_itself()
    {
        Chip.Unplugged = true;
        await _service.StartAsync(TestContext.Current.CancellationToken);
        await Until(() => _health.Snapshot().State == NfcReaderState.Unavailable);
        Assert.Contains("no ACK from the PN532", _health.Snapshot().LastError, StringComparison.Ordinal);

        Chip.Unplugged = false;
        await Until(() => _outbox.Items.Count == 1);

        var health = _health.Snapshot();
        Assert.Equal(NfcReaderState.Ready, health.State);
        Assert.True(health.Reconnects >= 1);
        Assert.StartsWith("PN532 firmware 1.6", health.Firmware, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_job_encodes_the_next_tag_and_is_verified()
    {
        Chip.RemoveTag();
        await _service.StartAsync(TestContext.Current.CancellationToken);
        var job = _jobs.WriteUrlAsync("https://shop.example/c/77", TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var blank = new VirtualNtag(NtagType.Ntag215, Convert.FromHexString("04010203040506"), formatted: false);
        blank.Poke(3, [0, 0, 0, 0]);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Chip.PlaceTag(blank);

        var result = await job.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(result.Success, result.Error);
        Assert.Equal("ntag215", result.TagType);
        Assert.Equal(0xE1, blank.Dump()[12]);
        Assert.Empty(_outbox.Items);
    }

    [Fact]
    public async Task A_write_job_without_a_tag_fails_after_its_wait()
    {
        Chip.RemoveTag();
        await _service.StartAsync(TestContext.Current.CancellationToken);

        var result = await _jobs.WriteUrlAsync("https://shop.example/c/1", TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.Contains("no tag presented", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_outbox_holds_the_tap_and_delivers_it_later()
    {
        _outbox.Failing = true;
        await _service.StartAsync(TestContext.Current.CancellationToken);
        await Until(() => _health.Snapshot().OutboxErrors > 0);

        _outbox.Failing = false;
        await Until(() => _outbox.Items.Count == 1);

        Assert.Equal("045a6b7c8d9ea0", _outbox.TagReads[0].Uid);
    }

    [Fact]
    public async Task A_tag_pulled_away_mid_read_is_a_tag_error_and_the_next_tap_reads()
    {
        var tag = Chip.TagInField!;
        Chip.RemoveTag();
        await _service.StartAsync(TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Chip.PlaceTag(tag);
        Chip.InjectFault(EmulatedPn532Fault.TagRemovedMidExchange);
        await Until(() => _health.Snapshot().TagErrors == 1);

        Chip.PlaceTag(tag);
        await Until(() => _outbox.Items.Count == 1);

        Assert.Equal(NfcReaderState.Ready, _health.Snapshot().State);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        _service.Dispose();
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
