namespace Linkage.Cluster.Tests.Support;

/// <summary>The repository's root, found from the test's build output.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Linkage.slnx")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository (Linkage.slnx) above " + AppContext.BaseDirectory);
    }
}
