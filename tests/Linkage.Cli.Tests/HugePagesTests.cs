using System.Diagnostics;

namespace Linkage.Cli.Tests;

/// <summary>
/// <c>associate</c> moves its heap to the kernel's reserved huge pages when the machine set enough aside
/// (<see cref="HugePages"/>): the decision from <c>/proc/meminfo</c>, the CRM's size and the environment.
/// </summary>
public sealed class HugePagesTests
{
    private const long MiB = 1L << 20;
    private const long GiB = 1L << 30;

    private static string Meminfo(long free, long reserved = 0, long pageKb = 2048) => $"""
        MemTotal:       24576000 kB
        MemFree:        20000000 kB
        HugePages_Total:    {free + 10}
        HugePages_Free:     {free}
        HugePages_Rsvd:     {reserved}
        HugePages_Surp:        0
        Hugepagesize:       {pageKb} kB
        Hugetlb:         {free * pageKb} kB

        """;

    private static IReadOnlyDictionary<string, string>? Plan(string meminfo, long crmBytes, string? choice = null, string? runtimeSetting = null) =>
        HugePages.Plan(meminfo, crmBytes, choice, name => name == runtimeSetting ? "1" : null);

    [Theory]
    [InlineData(1800, 0, 2048, 1800 * 2 * MiB)]
    [InlineData(1800, 300, 2048, 1500 * 2 * MiB)]
    [InlineData(3, 0, 1048576, 3 * GiB)]
    public void Available_memory_is_the_free_pages_not_promised_to_another_process(long free, long reserved, long pageKb, long expected)
    {
        Assert.Equal(expected, HugePages.AvailableBytes(Meminfo(free, reserved, pageKb)));
    }

    [Fact]
    public void A_machine_without_huge_pages_has_none_available()
    {
        Assert.Null(HugePages.AvailableBytes(Meminfo(0)));
        Assert.Null(HugePages.AvailableBytes("MemTotal:       24576000 kB\n"));
    }

    [Theory]
    [InlineData(0, 2 * GiB)]
    [InlineData(128 * MiB, 2 * GiB)]
    [InlineData(128 * MiB + 1, 2 * GiB + 2 * MiB)]
    [InlineData(295_312_165, 3_437_232_128)]
    [InlineData(3 * GiB, 25 * GiB)]
    public void The_heap_limit_is_eight_times_the_crm_and_a_gigabyte_in_whole_pages_at_least_2_GB(long crmBytes, long expected)
    {
        Assert.Equal(expected, HugePages.LimitFor(crmBytes));
    }

    [Fact]
    public void A_large_crm_restarts_with_large_pages_a_limit_and_the_range_of_that_limit()
    {
        IReadOnlyDictionary<string, string>? variables = Plan(Meminfo(free: 1800), 295_312_165);

        Assert.Equal(new Dictionary<string, string>
        {
            ["DOTNET_GCLargePages"] = "1",
            ["DOTNET_GCHeapHardLimit"] = "0xCCE00000",
            ["DOTNET_GCRegionRange"] = "0xCCE00000",
        }, variables);
    }

    [Theory]
    [InlineData(1639, 0, true)]
    [InlineData(1638, 0, false)]
    [InlineData(1700, 61, true)]
    [InlineData(1700, 62, false)]
    public void Huge_pages_are_taken_only_when_the_whole_limit_is_free(long freePages, long reservedPages, bool restarts)
    {
        // The 1M-contact world's CRM: a limit of 3,437,232,128 bytes, 1,639 pages of 2 MB.
        Assert.Equal(restarts, Plan(Meminfo(freePages, reservedPages), 295_312_165) is not null);
    }

    [Theory]
    [InlineData(64 * MiB - 1, null, false)]
    [InlineData(64 * MiB, null, true)]
    [InlineData(1000, "on", true)]
    [InlineData(1000, "ON", true)]
    [InlineData(1000, "try", false)]
    [InlineData(1 * GiB, "off", false)]
    [InlineData(1 * GiB, "0", false)]
    public void A_small_crm_runs_as_started_unless_huge_pages_are_asked_for(long crmBytes, string? choice, bool restarts)
    {
        Assert.Equal(restarts, Plan(Meminfo(free: 16_000), crmBytes, choice) is not null);
    }

    [Theory]
    [InlineData("DOTNET_GCLargePages")]
    [InlineData("DOTNET_GCHeapHardLimit")]
    [InlineData("DOTNET_GCHeapHardLimitPercent")]
    [InlineData("DOTNET_GCRegionRange")]
    public void The_runtimes_own_heap_settings_are_left_as_the_environment_chose(string setting)
    {
        Assert.Null(Plan(Meminfo(free: 16_000), 1 * GiB, "on", setting));
    }

    [Fact]
    public void Associate_runs_on_huge_pages_when_the_machine_set_them_aside()
    {
        // The kernel's pool is the machine's: this test sets aside what a run of the samples needs, as root
        // (the CI and development machines run tests as root), and gives it back.
        const string pool = "/proc/sys/vm/nr_hugepages";
        long before = long.Parse(File.ReadAllText(pool).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        long needed = HugePages.LimitFor(0) / (2 * MiB);
        try
        {
            try
            {
                File.WriteAllText(pool, (before + needed + 16).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Assert.Fail($"this test sets huge pages aside and must run as root on Linux: {ex.Message}");
            }

            Assert.True(HugePages.AvailableBytes(File.ReadAllText("/proc/meminfo")) >= HugePages.LimitFor(0),
                "the kernel could not set aside 2 GB of huge pages for this test");

            (int code, string stdout, string stderr) onHugePages = RunSamples("on");
            (int code, string stdout, string stderr) asStarted = RunSamples("off");

            Assert.True(onHugePages.code == 0 && onHugePages.stderr.Contains("restarting with the heap on huge pages", StringComparison.Ordinal), onHugePages.stderr);
            Assert.Equal(asStarted.stdout, onHugePages.stdout);
        }
        finally
        {
            File.WriteAllText(pool, before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static (int Code, string Stdout, string Stderr) RunSamples(string hugePages)
    {
        var start = new ProcessStartInfo("bash", ["linkage", "associate", "--crm", "samples/crm.json", "--activities", "samples/activities.jsonl", "--settings", "samples/settings.json"])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[HugePages.Switch] = hugePages;
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
