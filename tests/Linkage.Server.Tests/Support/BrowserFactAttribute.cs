using Xunit.Abstractions;
using Xunit.Sdk;

namespace Linkage.Server.Tests.Support;

/// <summary>
/// A test that drives Debian's chromium. Without /usr/bin/chromium it is skipped with the reason, except
/// under CI=true, where it runs and so fails: CI must never pass without the browser test.
/// </summary>
[XunitTestCaseDiscoverer("Linkage.Server.Tests.Support.BrowserFactDiscoverer", "Linkage.Server.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute;

public sealed class BrowserFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        if (Chromium.SkipReason is { } reason)
        {
            yield return new XunitSkippedDataRowTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
            yield break;
        }

        yield return new XunitTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

/// <summary>Debian's chromium, which scripts/chromium.sh installs; Playwright's own browsers are not downloadable here.</summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Headless in a container: no sandbox (root), no GPU, and nothing that reaches for the network.</summary>
    public static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Unavailable => File.Exists(Path) ? null : $"{Path} is missing";

    public static string? SkipReason => UnderCi || Unavailable is null ? null
        : $"browser test skipped: {Unavailable} (run scripts/chromium.sh or scripts/test.sh, which install it)";
}
