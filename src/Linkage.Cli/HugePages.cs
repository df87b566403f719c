using System.Globalization;
using System.Runtime;

namespace Linkage.Cli;

/// <summary>
/// <c>associate</c> puts its heap on the kernel's reserved huge pages when the machine has set enough aside,
/// the way PostgreSQL's <c>huge_pages = try</c> does. Reading a million-contact CRM builds a gigabyte of
/// objects, and on 4 KB pages the kernel takes ~290,000 page faults to hand that memory over (on the
/// benchmark VM ~8 µs each: a fifth of the load's CPU). On 2 MB pages it takes a few thousand, and the load
/// of the 1M-contact world fell from 6.7–7.6 s to 4.7–4.9 s (docs/performance.md, item 51).
/// </summary>
/// <remarks>
/// The runtime takes large pages only with a fixed heap limit, read once at start, so the command starts
/// itself again (<see cref="ProcessRestart"/>) with <c>DOTNET_GCLargePages=1</c>, a heap limit sized from
/// the CRM's files, and the collector's address range set to that limit (by default the runtime reserves
/// twice the limit, all of it in huge pages). A run needing more than the limit would fail for want of
/// memory, so the limit is generous: eight times the CRM's bytes and a gigabyte, at least 2 GB. Nothing is
/// done when huge pages are not set aside for that much (most machines: <c>vm.nr_hugepages</c> is 0),
/// when the CRM is small (under 64 MB the faults cost well under a second), or when the environment already
/// chose (<c>LINKAGE_HUGE_PAGES=off</c>, or any of the runtime's own heap settings).
/// <c>LINKAGE_HUGE_PAGES=on</c> takes them whatever the CRM's size.
/// </remarks>
internal static class HugePages
{
    internal const string Switch = "LINKAGE_HUGE_PAGES";

    private const long Gigabyte = 1L << 30;
    private const long MinimumCrmBytes = 64L << 20;
    private const long MinimumLimit = 2 * Gigabyte;

    // The runtime's settings this decides; a user who set any of them is left alone.
    private static readonly string[] RuntimeSettings =
    [
        "DOTNET_GCLargePages", "DOTNET_GCHeapHardLimit", "DOTNET_GCHeapHardLimitPercent", "DOTNET_GCRegionRange",
        "DOTNET_GCHeapHardLimitSOH",
    ];

    /// <summary>Starts this command again on huge pages when <see cref="Plan"/> says so; otherwise returns at once.</summary>
    /// <param name="crmPath">The CRM's file or folder, whose size sets the heap limit.</param>
    /// <param name="environment">The command's environment, where <c>LINKAGE_HUGE_PAGES</c> is read.</param>
    /// <param name="stderr">Where the restart is said.</param>
    public static void TryRestart(string crmPath, Func<string, string?> environment, TextWriter stderr)
    {
        if (!OperatingSystem.IsLinux() || !GCSettings.IsServerGC)
        {
            return;
        }

        string? meminfo;
        try
        {
            meminfo = File.ReadAllText("/proc/meminfo");
        }
        catch (IOException)
        {
            return;
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }

        // The runtime reads its own settings from the process's environment, whatever the command was given.
        long crmBytes = BytesOf(crmPath);
        if (Plan(meminfo, crmBytes, environment(Switch), Environment.GetEnvironmentVariable) is not { } variables)
        {
            return;
        }

        stderr.WriteLine($"linkage: restarting with the heap on huge pages (limit {LimitFor(crmBytes) / (double)Gigabyte:F1} GB; {Switch}=off to run without)");
        stderr.Flush();
        string failure = ProcessRestart.With(variables);
        stderr.WriteLine($"linkage: could not restart on huge pages ({failure}); running without");
    }

    /// <summary>
    /// The variables to restart with, or null to run as started: from the kernel's <c>/proc/meminfo</c>, the
    /// CRM's size in bytes, the <c>LINKAGE_HUGE_PAGES</c> choice and the runtime's own settings.
    /// </summary>
    internal static IReadOnlyDictionary<string, string>? Plan(string meminfo, long crmBytes, string? choice, Func<string, string?> runtimeSettings)
    {
        choice = choice?.Trim().ToUpperInvariant();
        if (choice is "OFF" or "0" or "FALSE" || RuntimeSettings.Any(s => runtimeSettings(s) is not null))
        {
            return null;
        }

        if (choice is not ("ON" or "1" or "TRUE") && crmBytes < MinimumCrmBytes)
        {
            return null;
        }

        long limit = LimitFor(crmBytes);
        if (AvailableBytes(meminfo) is not { } available || available < limit)
        {
            return null;
        }

        string hex = $"0x{limit:X}";
        return new Dictionary<string, string>
        {
            ["DOTNET_GCLargePages"] = "1",
            ["DOTNET_GCHeapHardLimit"] = hex,
            ["DOTNET_GCRegionRange"] = hex,
        };
    }

    /// <summary>The heap limit for a CRM of this many bytes, in whole 2 MB pages.</summary>
    internal static long LimitFor(long crmBytes)
    {
        long wanted = Math.Max(MinimumLimit, (crmBytes * 8) + Gigabyte);
        const long page = 2L << 20;
        return (wanted + page - 1) / page * page;
    }

    /// <summary>Huge-page memory free and not promised to another process, or null when the kernel has none.</summary>
    internal static long? AvailableBytes(string meminfo)
    {
        long? free = null, reserved = null, pageKb = null;
        foreach (string line in meminfo.Split('\n'))
        {
            string[] parts = line.Split(':', 2);
            if (parts.Length != 2)
            {
                continue;
            }

            string number = parts[1].Trim().Split(' ')[0];
            if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            {
                continue;
            }

            switch (parts[0].Trim())
            {
                case "HugePages_Free":
                    free = value;
                    break;
                case "HugePages_Rsvd":
                    reserved = value;
                    break;
                case "Hugepagesize":
                    pageKb = value;
                    break;
            }
        }

        return free is > 0 && pageKb is > 0 ? (free.Value - (reserved ?? 0)) * pageKb.Value * 1024 : null;
    }

    /// <summary>The CRM's size: a file's, or the files' under a folder (exports); 0 when it cannot be read.</summary>
    internal static long BytesOf(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                return new FileInfo(path).Length;
            }

            return Directory.Exists(path)
                ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
                : 0;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
