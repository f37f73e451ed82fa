namespace EdgeGateway.Hardware.Ble.Eddystone;

/// <summary>Values of the lock state characteristic (first byte when read).</summary>
public enum EddystoneLockState : byte
{
    Locked = 0x00,
    Unlocked = 0x01,
    UnlockedAutoRelockDisabled = 0x02,
}
