using Xunit.Abstractions;
using Xunit.Sdk;

namespace Linkage.Cluster.Tests.Support;

/// <summary>
/// A test that needs PostgreSQL: skipped, with the reason, when no server is reachable — except under
/// CI=true, where it runs and so fails.
/// </summary>
[XunitTestCaseDiscoverer("Linkage.Cluster.Tests.Support.ClusterFactDiscoverer", "Linkage.Cluster.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClusterFactAttribute : FactAttribute;

public sealed class ClusterFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            yield return new XunitSkippedDataRowTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
            yield break;
        }

        yield return new XunitTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}
