namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// Masks a platform's secrets (API keys, tokens, passwords, and tokens obtained at run time) in any text
/// that is about to be logged, kept as a last error or shown by the API. Secrets shorter than 4 characters
/// are not masked (they would mask ordinary words); validation refuses such secrets anyway.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";
    private readonly Lock _gate = new();
    private string[] _secrets = [];

    public SecretRedactor(params IEnumerable<string?> secrets)
    {
        foreach (var secret in secrets)
        {
            Add(secret);
        }
    }

    /// <summary>Adds a secret learnt at run time (an access token).</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 4)
        {
            return;
        }

        lock (_gate)
        {
            if (!_secrets.Contains(secret, StringComparer.Ordinal))
            {
                // Longest first, so a secret containing another is masked whole.
                _secrets = [.. _secrets.Append(secret).Append(Uri.EscapeDataString(secret)).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
            }
        }
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
