using System.Text.Json;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Edge.Hosting;

/// <summary>
/// Turns what can go wrong before the daemon is up into one line for the journal and exit code 2
/// (configuration) — never a stack trace, which systemd would print line by line and an installer
/// would not read.
/// </summary>
public static class StartupFailure
{
    public const int ConfigurationExitCode = 2;

    /// <summary>The one-line description, or null when the exception is not a configuration problem.</summary>
    public static string? DescribeConfigurationError(Exception exception)
    {
        switch (exception)
        {
            case OptionsValidationException validation:
                return string.Join("; ", validation.Failures);
            case InvalidDataException { InnerException: { } inner } invalid when Innermost(inner) is JsonException json:
                return $"{FirstLine(invalid.Message)} ({FirstLine(json.Message)})";
            case InvalidDataException invalid:
                return FirstLine(invalid.Message);
            case InvalidOperationException { InnerException: { } inner }:
                return DescribeConfigurationError(inner);
            case AggregateException aggregate:
                return aggregate.InnerExceptions.Select(DescribeConfigurationError).FirstOrDefault(d => d is not null);
            default:
                return null;
        }
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
