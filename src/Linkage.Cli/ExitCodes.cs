namespace Linkage.Cli;

/// <summary>The command's exit codes, as formats.md fixes them.</summary>
public static class ExitCodes
{
    /// <summary>Every well-formed activity has exactly one output line.</summary>
    public const int Ok = 0;
    /// <summary><c>--strict</c> and at least one malformed activity line.</summary>
    public const int MalformedActivities = 1;
    /// <summary>A bad CRM or settings file, an unreadable input, or a bad command line.</summary>
    public const int BadInput = 2;
    /// <summary>Stopped by the user (Ctrl+C).</summary>
    public const int Cancelled = 130;
    /// <summary>A bug in Linkage: reported in one sentence (with <c>LINKAGE_DEBUG=1</c>, the details).</summary>
    public const int InternalError = 70;
}
