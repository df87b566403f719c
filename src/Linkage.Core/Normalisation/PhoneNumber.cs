using PhoneNumbers;

namespace Linkage.Core.Normalisation;

/// <summary>Phone numbers to E.164 through libphonenumber; extensions are dropped for matching.</summary>
public static class PhoneNumber
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Parses <paramref name="input"/> with the region hint (else <paramref name="defaultRegion"/>) and
    /// returns its E.164 form when it is a possible number.
    /// </summary>
    public static bool TryNormalise(string? input, string? regionHint, string defaultRegion, out string e164)
    {
        e164 = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        string region = string.IsNullOrWhiteSpace(regionHint) ? defaultRegion : regionHint.Trim().ToUpperInvariant();
        try
        {
            PhoneNumbers.PhoneNumber number = Util.Parse(input, region);
            if (!Util.IsPossibleNumber(number))
            {
                return false;
            }

            // A number already written in E.164 keeps its own string: the index's key is then the record's.
            string formatted = Util.Format(number, PhoneNumberFormat.E164);
            e164 = string.Equals(formatted, input, StringComparison.Ordinal) ? input : formatted;
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>True when libphonenumber knows <paramref name="region"/> (ISO 3166 alpha-2).</summary>
    public static bool IsSupportedRegion(string region) =>
        Util.GetSupportedRegions().Contains(region.ToUpperInvariant());
}
