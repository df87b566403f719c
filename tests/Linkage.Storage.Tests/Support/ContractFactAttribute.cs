using Xunit.Abstractions;
using Xunit.Sdk;

namespace Linkage.Storage.Tests.Support;

/// <summary>
/// A contract test: runs for every back end's subclass. For the PostgreSQL subclass it is skipped, with the
/// reason, when no server is reachable — except under CI=true, where it runs and so fails.
/// </summary>
[XunitTestCaseDiscoverer("Linkage.Storage.Tests.Support.ContractFactDiscoverer", "Linkage.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute;

/// <summary>Marks a test class whose tests need the PostgreSQL server.</summary>
public interface INeedsPostgres;

public sealed class ContractFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        Type? type = testMethod.TestClass.Class.ToRuntimeType();
        if (type is not null && typeof(INeedsPostgres).IsAssignableFrom(type) && PostgresServer.SkipReason is { } reason)
        {
            yield return new XunitSkippedDataRowTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
            yield break;
        }

        yield return new XunitTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}
