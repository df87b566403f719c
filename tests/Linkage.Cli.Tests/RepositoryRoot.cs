namespace Linkage.Cli.Tests;

/// <summary>The checkout the tests run from, found by walking up to the solution file.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Linkage.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Linkage.slnx not found above " + AppContext.BaseDirectory);
    }
}
