using System.Buffers.Binary;

namespace EdgeGateway.Hardware.Hci;

/// <summary>
/// Controller bring-up and LE scanning over an <see cref="HciHost"/>: reset, event masks, identity and
/// buffer sizes, then scanning with the extended commands when the controller supports them (a
/// controller refuses a mix of legacy and extended commands) and the legacy ones otherwise.
/// </summary>
public sealed class LeController(HciHost host)
{
    private bool _extended;

    public ControllerInfo? Info { get; private set; }

    public bool Scanning { get; private set; }

    public async Task<ControllerInfo> InitializeAsync(CancellationToken cancellationToken)
    {
        await host.SendCommandAsync(HciCommands.Reset(), cancellationToken);
        await host.SendCommandAsync(HciCommands.SetEventMask(HciCommands.DefaultEventMask), cancellationToken);
        await host.SendCommandAsync(HciCommands.LeSetEventMask(HciCommands.DefaultLeEventMask), cancellationToken);
        var version = await host.SendCommandAsync(HciCommands.ReadLocalVersionInformation(), cancellationToken);
        var address = await host.SendCommandAsync(HciCommands.ReadBdAddr(), cancellationToken);
        var buffers = await host.SendCommandAsync(HciCommands.LeReadBufferSize(), cancellationToken);
        var features = await host.SendCommandAsync(HciCommands.LeReadLocalSupportedFeatures(), cancellationToken);
        if (version.Length < 8 || address.Length < 6 || buffers.Length < 3 || features.Length < 8)
        {
            throw new HciException("The controller answered a bring-up command with fewer return parameters than the spec defines.");
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(buffers) == 0)
        {
            // Zero means LE shares the BR/EDR ACL buffers (Core spec 7.8.2): their size comes from Read Buffer Size.
            var shared = await host.SendCommandAsync(HciCommands.ReadBufferSize(), cancellationToken);
            if (shared.Length >= 5)
            {
                buffers = [shared[0], shared[1], (byte)Math.Min(shared[3] | (shared[4] << 8), byte.MaxValue)];
            }
        }

        Info = new ControllerInfo
        {
            HciVersion = version[0],
            HciRevision = BinaryPrimitives.ReadUInt16LittleEndian(version.AsSpan(1)),
            LmpVersion = version[3],
            Manufacturer = BinaryPrimitives.ReadUInt16LittleEndian(version.AsSpan(4)),
            LmpSubversion = BinaryPrimitives.ReadUInt16LittleEndian(version.AsSpan(6)),
            Address = BluetoothAddress.Read(address),
            LeAclDataLength = BinaryPrimitives.ReadUInt16LittleEndian(buffers),
            LeAclPackets = buffers[2],
            LeFeatures = BinaryPrimitives.ReadUInt64LittleEndian(features),
        };
        return Info;
    }

    /// <summary>Configures and enables scanning. <paramref name="allowExtended"/> false forces the legacy commands.</summary>
    public async Task StartScanningAsync(ScanParameters parameters, bool allowExtended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Validate() is { } problem)
        {
            throw new ArgumentException(problem, nameof(parameters));
        }

        var info = Info ?? throw new InvalidOperationException("Initialize the controller before scanning.");
        _extended = allowExtended && info.SupportsExtendedAdvertising;
        if (_extended)
        {
            await host.SendCommandAsync(HciCommands.LeSetExtendedScanParameters(parameters), cancellationToken);
            await host.SendCommandAsync(HciCommands.LeSetExtendedScanEnable(true, parameters.FilterDuplicates), cancellationToken);
        }
        else
        {
            await host.SendCommandAsync(HciCommands.LeSetScanParameters(parameters), cancellationToken);
            await host.SendCommandAsync(HciCommands.LeSetScanEnable(true, parameters.FilterDuplicates), cancellationToken);
        }

        Scanning = true;
    }

    public async Task StopScanningAsync(CancellationToken cancellationToken)
    {
        if (!Scanning)
        {
            return;
        }

        await host.SendCommandAsync(
            _extended ? HciCommands.LeSetExtendedScanEnable(false, false) : HciCommands.LeSetScanEnable(false, false),
            cancellationToken);
        Scanning = false;
    }

    /// <summary>Whether scanning uses the extended commands (after <see cref="StartScanningAsync"/>).</summary>
    public bool UsesExtendedScanning => _extended;
}
