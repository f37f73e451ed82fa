using EdgeGateway.Edge.BeaconConfig;
using EdgeGateway.Protocol.Config;

namespace EdgeGateway.Edge.Tests.BeaconConfig;

public sealed class BeaconConfigStoreTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("egw-bcs-");

    [Fact]
    public void The_applied_version_and_its_report_survive_a_reload()
    {
        var path = Path.Combine(_directory.FullName, "beacon-config.json");
        var at = new DateTimeOffset(2026, 11, 24, 4, 0, 0, TimeSpan.Zero);
        new BeaconConfigStore(path).Save(new BeaconConfigState
        {
            Desired = new DesiredConfig { Version = 9, Beacons = [new BeaconDesired { BeaconId = "b1", TxPowerDbm = -8 }] },
            Reported = new ReportedConfig { Version = 9, At = at, Beacons = [new BeaconReported { BeaconId = "b1", State = BeaconConfigStates.Rounded, TxPowerDbm = -4, At = at }] },
        });

        var loaded = new BeaconConfigStore(path).Load();

        Assert.Equal(9, loaded.Desired!.Version);
        Assert.Equal(-8, loaded.Desired.Beacons.Single().TxPowerDbm);
        Assert.Equal(BeaconConfigStates.Rounded, loaded.Reported!.Beacons.Single().State);
    }

    [Fact]
    public void A_corrupt_file_is_set_aside_and_counts_as_nothing_applied()
    {
        var path = Path.Combine(_directory.FullName, "beacon-config.json");
        File.WriteAllText(path, "{ not json");

        var loaded = new BeaconConfigStore(path).Load();

        Assert.Null(loaded.Desired);
        Assert.True(File.Exists(path + ".corrupt"));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
