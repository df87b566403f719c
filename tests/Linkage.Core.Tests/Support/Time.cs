using System.Globalization;

namespace Linkage.Core.Tests.Support;

internal static class Time
{
    public static DateTimeOffset At(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? OrNull(string? iso) => iso is null ? null : At(iso);
}
