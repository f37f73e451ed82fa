using System.Security.Cryptography;

namespace EdgeGateway.Hardware.Ble.Eddystone;

/// <summary>
/// The unlock answer: the 16-byte challenge read from the unlock characteristic, encrypted with AES-128-ECB under
/// the beacon's 16-byte lock key. The key never leaves the gateway; only the token goes over the air.
/// </summary>
public static class EddystoneUnlockToken
{
    public const int Length = 16;

    public static byte[] Compute(ReadOnlySpan<byte> lockKey, ReadOnlySpan<byte> challenge)
    {
        if (lockKey.Length != Length)
        {
            throw new ArgumentException($"an Eddystone lock key is {Length} bytes, not {lockKey.Length}", nameof(lockKey));
        }

        if (challenge.Length != Length)
        {
            throw new ArgumentException($"an Eddystone unlock challenge is {Length} bytes, not {challenge.Length}", nameof(challenge));
        }

        using var aes = Aes.Create();
        aes.Key = lockKey.ToArray();
        return aes.EncryptEcb(challenge, PaddingMode.None);
    }
}
