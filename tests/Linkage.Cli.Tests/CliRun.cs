using System.Text;

namespace Linkage.Cli.Tests;

/// <summary>The outcome of one in-process run of the command line.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public string[] OutputLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static Task<CliRun> RunAsync(params string[] args) => RunWithEnvironmentAsync(new Dictionary<string, string>(), args);

    /// <summary>A run that sees only <paramref name="environment"/> as its environment variables.</summary>
    public static async Task<CliRun> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        int code = await LinkageCommand.RunAsync(args, stdout, stderr, stderrIsRedirected: true, name => environment.GetValueOrDefault(name));
        return new CliRun(code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }
}

/// <summary>A temporary folder holding one test's input files.</summary>
public sealed class TempWorld : IDisposable
{
    public TempWorld() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "linkage-tests", Guid.NewGuid().ToString("N"));

    public string Write(string name, string content)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>The world of spec §7.</summary>
public static class WorkedExample
{
    public const string Crm = """
        {"users":[{"id":"U1","emails":["rep@ourco.com"]}],
         "accounts":[{"id":"A1","website":"https://www.acme.com"},{"id":"A2","domains":["globex.co.uk"]},{"id":"A3"}],
         "contacts":[{"id":"C1","emails":["jane@acme.com"],"accountId":"A1"},{"id":"C2","emails":["bob@acme.com"]},
                     {"id":"C4","emails":["lee@hooli.io"],"accountId":"A3"}],
         "leads":[{"id":"L1","emails":["tom@initech.com"]}],
         "deals":[{"id":"D1","accountId":"A1","isClosed":false,"createdAt":"2026-01-05T00:00:00Z"},
                  {"id":"D2","accountId":"A1","isClosed":true,"closeDate":"2026-02-01"}]}
        """;

    public const string Settings = """{"companyDomains":["ourco.com"]}""";

    public static string Activity(string id, string date, string email) =>
        $$"""{"id":"{{id}}","type":"email","occurredAt":"{{date}}T15:00:00Z","participants":[{"email":"rep@ourco.com","role":"from"},{"email":"{{email}}","role":"to"}]}""";
}
