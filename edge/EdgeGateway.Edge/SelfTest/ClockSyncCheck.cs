using System.Runtime.InteropServices;

namespace EdgeGateway.Edge.SelfTest;

/// <summary>
/// The kernel's view of clock synchronisation (adjtimex, read-only). A Pi has no RTC: until NTP syncs,
/// timestamps in heartbeats are wrong and TLS certificates may look expired or not yet valid.
/// </summary>
public sealed class ClockSyncCheck(TimeProvider time) : ISelfTestCheck
{
    private const int TimeError = 5;
    private static readonly DateTimeOffset EarliestPlausible = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string Name => "clock";

    public Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < EarliestPlausible)
        {
            return Task.FromResult(new SelfTestResult(Name, SelfTestVerdict.Fail,
                $"clock reads {now:yyyy-MM-dd HH:mm} UTC, which is before this software was built",
                "connect the gateway to a network that allows NTP (UDP 123) and wait a minute"));
        }

        var state = KernelClockState();
        var result = state switch
        {
            null => new SelfTestResult(Name, SelfTestVerdict.Warn, $"clock reads {now:u}; synchronisation state unknown on this system",
                "check with: timedatectl"),
            TimeError => new SelfTestResult(Name, SelfTestVerdict.Fail, $"clock reads {now:u} but is not synchronised",
                "enable NTP (sudo timedatectl set-ntp true) and allow UDP 123 to the internet"),
            _ => new SelfTestResult(Name, SelfTestVerdict.Pass, $"synchronised, {now:u}"),
        };
        return Task.FromResult(result);
    }

    private static int? KernelClockState()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        // struct timex is 208 bytes on 64-bit Linux; modes = 0 (first field) asks for a read only, no privilege needed.
        var timex = new byte[256];
        try
        {
            return NativeMethods.adjtimex(timex);
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // one read-only call at self-test time; source-generated marshalling buys nothing
        [DllImport("libc", SetLastError = true)]
        internal static extern int adjtimex(byte[] timex);
#pragma warning restore SYSLIB1054
    }
}
