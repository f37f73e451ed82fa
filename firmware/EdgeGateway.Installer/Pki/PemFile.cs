using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EdgeGateway.Installer.Pki;

/// <summary>Writes and reads the PEM files of the fleet PKI; private keys are created 0600 before any byte is written.</summary>
public static class PemFile
{
    public static void WriteCertificate(string path, X509Certificate2 certificate) =>
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");

    public static void WritePrivateKey(string path, AsymmetricAlgorithm key)
    {
        var pem = key.ExportPkcs8PrivateKeyPem() + "\n";
        using (var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            // UnixCreateMode only applies to new files; an existing one keeps its mode, so set it explicitly too.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            using var writer = new StreamWriter(stream);
            writer.Write(pem);
        }
    }

    public static X509Certificate2 ReadCertificate(string path)
    {
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException($"{path} is not a PEM certificate: {ex.Message}", ex);
        }
    }

    public static X509Certificate2 ReadCertificateWithKey(string certificatePath, string keyPath)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException($"{certificatePath} with key {keyPath} is not a usable certificate and private key pair: {ex.Message}", ex);
        }
    }
}
