using BenchmarkDotNet.Attributes;
using Linkage.Core.Normalisation;

namespace Linkage.Benchmarks;

/// <summary>The normalisers every participant goes through.</summary>
[MemoryDiagnoser]
public class NormaliserBenchmarks
{
    private static readonly PublicSuffixList Psl = PublicSuffixList.Bundled;

    [Benchmark]
    public bool Email_plain() => EmailAddress.TryParse("jane.doe@acme-robotics.com", out _);

    [Benchmark]
    public bool Email_display_name() => EmailAddress.TryParse("Jane Doe <Jane.Doe+crm@ACME-Robotics.com>", out _);

    [Benchmark]
    public string? Website_domain() => DomainName.Normalise("https://www.Acme-Robotics.com/about", dropWww: true);

    [Benchmark]
    public string? Registrable_domain() => Psl.RegistrableDomain("mail.eu.acme.co.uk");

    [Benchmark]
    public bool Phone_national() => PhoneNumber.TryNormalise("(415) 555-0100", null, "US", out _);

    [Benchmark]
    public bool Phone_e164() => PhoneNumber.TryNormalise("+14155550100", null, "US", out _);
}
