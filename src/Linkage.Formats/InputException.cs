namespace Linkage.Formats;

/// <summary>
/// Input a person has to fix: names the file, the place in it and the problem, so that the command line
/// can print one clear sentence instead of a stack trace.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string file, string? place, string problem, Exception? inner = null)
        : base(Compose(file, place, problem), inner)
    {
        File = file;
        Place = place;
        Problem = problem;
    }

    public InputException()
        : this("(unknown)", null, "bad input")
    {
    }

    public InputException(string message)
        : this("(unknown)", null, message)
    {
    }

    public InputException(string message, Exception inner)
        : this("(unknown)", null, message, inner)
    {
    }

    public string File { get; }

    public string? Place { get; }

    public string Problem { get; }

    private static string Compose(string file, string? place, string problem) =>
        place is null ? $"{file}: {problem}" : $"{file}: {place}: {problem}";
}
