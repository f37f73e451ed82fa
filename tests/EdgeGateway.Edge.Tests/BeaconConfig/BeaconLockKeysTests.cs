using EdgeGateway.Edge.BeaconConfig;
using EdgeGateway.Hardware.Hci;

namespace EdgeGateway.Edge.Tests.BeaconConfig;

public sealed class BeaconLockKeysTests : IDisposable
{
    private const string Id = "eddystone:edd10000000000000007:000000000002";
    private static readonly BluetoothAddress Address = new(0xC10000000002);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("egw-keys-");

    private string KeyFile => Path.Combine(_directory.FullName, "beacon-keys.json");

    [Fact]
    public void A_key_is_found_by_id_else_by_address_else_the_fleet_default()
    {
        var keys = new BeaconLockKeys(KeyFile);
        keys.Save(Id, Enumerable.Repeat((byte)1, 16).ToArray());
        keys.Save("c1:00:00:00:00:09", Enumerable.Repeat((byte)2, 16).ToArray());
        keys.Save(BeaconLockKeys.Default, Enumerable.Repeat((byte)3, 16).ToArray());

        Assert.Equal(1, keys.Find(Id.ToUpperInvariant(), Address)![0]);
        Assert.Equal(2, keys.Find("ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:9", new BluetoothAddress(0xC10000000009))![0]);
        Assert.Equal(3, keys.Find("ibeacon:f7826da6-4fa2-4e98-8024-bc5b71e0893e:1:8", new BluetoothAddress(0xC10000000008))![0]);
        Assert.Null(keys.Problem());
    }

    [Fact]
    public void A_file_others_can_read_is_not_used_and_the_problem_says_how_to_fix_it()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // file modes are POSIX; the daemon runs on Linux
        }

        var keys = new BeaconLockKeys(KeyFile);
        keys.Save(Id, new byte[16]);
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.Null(keys.Find(Id, Address));
        Assert.Contains("chmod 600", keys.Problem(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_entry_is_named_without_its_value_and_the_others_still_work()
    {
        File.WriteAllText(KeyFile, $"{{\"{Id}\": \"0011223344556677\", \"*\": \"00112233445566778899aabbccddeeff\"}}");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var keys = new BeaconLockKeys(KeyFile);

        Assert.Contains(Id, keys.Problem(), StringComparison.Ordinal);
        Assert.DoesNotContain("0011223344556677", keys.Problem(), StringComparison.Ordinal);
        Assert.Equal(0xFF, keys.Find(Id, Address)![15]);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
