using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Orleans.Distill.Cli.Load;

/// <summary>
/// Blocks the calling thread until a <see cref="Stopwatch"/> timestamp. Task.Delay and Thread.Sleep only know
/// whole milliseconds and wake 1–2 ms late, which would dominate a sub-millisecond baseline; nanosleep wakes about
/// 0.1 ms late on Linux without spinning a core the host under test needs.
/// </summary>
internal static class PreciseSleep
{
    public static void Until(long timestamp)
    {
        while (true)
        {
            var remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            var nanoseconds = (long)(remaining * 1e9 / Stopwatch.Frequency);
            if (OperatingSystem.IsLinux())
            {
                var request = new Timespec { Seconds = (nint)(nanoseconds / 1_000_000_000), Nanoseconds = (nint)(nanoseconds % 1_000_000_000) };
                _ = NanoSleep(ref request, IntPtr.Zero);
            }
            else if (nanoseconds > 2_000_000)
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.Yield();
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "nanosleep")]
    private static extern int NanoSleep(ref Timespec request, IntPtr remaining);
}
