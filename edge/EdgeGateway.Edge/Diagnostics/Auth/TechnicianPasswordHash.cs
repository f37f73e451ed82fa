using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeGateway.Edge.Diagnostics.Auth;

/// <summary>
/// The technician password as stored on the device: `pbkdf2-sha256$&lt;iterations&gt;$&lt;salt b64&gt;$&lt;hash b64&gt;`.
/// Only the hash is ever on disk; provisioning shows the password once to the installer.
/// </summary>
public sealed class TechnicianPasswordHash
{
    public const string Scheme = "pbkdf2-sha256";
    public const int DefaultIterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private TechnicianPasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        Iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    public int Iterations { get; }

    public static TechnicianPasswordHash Create(string password, int iterations = DefaultIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new TechnicianPasswordHash(iterations, salt, Derive(password, salt, iterations));
    }

    /// <summary>Parses the stored form; a malformed line is an error naming what is wrong, never a silent "no password".</summary>
    public static TechnicianPasswordHash Parse(string stored)
    {
        var parts = stored.Trim().Split('$');
        if (parts.Length != 4 || parts[0] != Scheme)
        {
            throw new FormatException($"technician password hash must look like '{Scheme}$<iterations>$<salt>$<hash>'");
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 10_000)
        {
            throw new FormatException("technician password hash: iterations must be a number of at least 10000");
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var hash = Convert.FromBase64String(parts[3]);
            if (salt.Length < 8 || hash.Length != HashBytes)
            {
                throw new FormatException("technician password hash: salt or hash has the wrong length");
            }

            return new TechnicianPasswordHash(iterations, salt, hash);
        }
        catch (FormatException ex) when (ex.Message.StartsWith("The input", StringComparison.Ordinal))
        {
            throw new FormatException("technician password hash: salt or hash is not valid base64", ex);
        }
    }

    public bool Verify(string candidate)
    {
        if (string.IsNullOrEmpty(candidate))
        {
            return false;
        }

        var derived = Derive(candidate, _salt, Iterations);
        return CryptographicOperations.FixedTimeEquals(derived, _hash);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Scheme}${Iterations}${Convert.ToBase64String(_salt)}${Convert.ToBase64String(_hash)}");

    /// <summary>A password an installer can read off a label and type on a phone: 4 groups of 4 from an unambiguous alphabet.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var builder = new StringBuilder(19);
        for (var i = 0; i < 16; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                builder.Append('-');
            }

            builder.Append(alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
