namespace EdgeGateway.Installer.Cli;

/// <summary>How gatewayctl reports a failure: one line on stderr and a non-zero exit, never a stack trace.</summary>
internal static class CliErrors
{
    public const int Failed = 1;

    /// <summary>Runs <paramref name="action"/>; the failures an installer can act on become one line.</summary>
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or InvalidOperationException
                                       or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException
                                       or HttpRequestException or TimeoutException)
        {
            await error.WriteLineAsync($"gatewayctl: {ex.Message}");
            return Failed;
        }
    }
}
