using System.Globalization;
using System.Text.Json;
using Linkage.Core.Engine;
using Linkage.Core.Index;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;
using Linkage.Storage;

namespace Linkage.Server.Coverage;

/// <summary>
/// Accumulates <see cref="CoverageReport"/> over a workspace's activities, one at a time. Each activity
/// counts once, under the strongest rule that matched on it (the cascade's order); one associated only by
/// the references it carried counts as <c>explicit</c>, a pinned one as <c>manual</c>, and the rest as
/// <c>unmatched</c>, <c>internal</c> or <c>pending</c>.
/// </summary>
public sealed class CoverageBuilder(string bucket, LinkageSettings settings, ReferenceData reference)
{
    /// <summary>The order the chart stacks them in: strongest evidence first.</summary>
    public static readonly IReadOnlyList<string> RuleOrder =
    [
        Rules.ContactEmail, Rules.ContactPhone, Rules.AccountDomain, Rules.ColleagueDomain, Rules.LeadEmail, Rules.LeadPhone,
        Rules.ConvertedLead, "explicit", "manual", "unmatched", "internal", "pending",
    ];

    private readonly PublicEmailDomains _freeMail = settings.PublicEmailDomains.Count == 0
        ? reference.PublicEmailDomains
        : reference.PublicEmailDomains.With(settings.PublicEmailDomains);

    private readonly SortedDictionary<string, (long Total, Dictionary<string, long> ByRule)> _periods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _domains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _phones = new(StringComparer.Ordinal);
    private long _activities;
    private long _associated;

    public void Add(ActivityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _activities++;
        string rule;
        var gapDomains = new HashSet<string>(StringComparer.Ordinal);
        var gapPhones = new HashSet<string>(StringComparer.Ordinal);
        if (entry.Association.AutomaticLine is not { } line)
        {
            rule = entry.Association.IsPinned ? "manual" : "pending";
        }
        else
        {
            using var doc = JsonDocument.Parse(line);
            rule = RuleOf(doc.RootElement, entry.Association.IsPinned);
            Gaps(doc.RootElement, gapDomains, gapPhones);
        }

        if (rule is not ("unmatched" or "internal" or "pending"))
        {
            _associated++;
        }

        string period = Period(entry.Activity.OccurredAt);
        if (!_periods.TryGetValue(period, out var p))
        {
            p = (0, new Dictionary<string, long>(StringComparer.Ordinal));
        }

        p.ByRule[rule] = p.ByRule.GetValueOrDefault(rule) + 1;
        _periods[period] = (p.Total + 1, p.ByRule);
        foreach (string d in gapDomains)
        {
            _domains[d] = _domains.GetValueOrDefault(d) + 1;
        }

        foreach (string ph in gapPhones)
        {
            _phones[ph] = _phones.GetValueOrDefault(ph) + 1;
        }
    }

    public CoverageReport Build(int top) => new(
        bucket,
        _activities,
        _associated,
        RuleOrder,
        [.. _periods.Select(p => new CoveragePeriod(p.Key, p.Value.Total, p.Value.ByRule))],
        Top(_domains, top),
        Top(_phones, top));

    /// <summary>The rule an activity counts under (see the class summary).</summary>
    public static string RuleOf(JsonElement line, bool pinned)
    {
        if (pinned)
        {
            return "manual";
        }

        string status = line.GetProperty("status").GetString() ?? "unmatched";
        if (status != "associated")
        {
            return status;
        }

        int best = int.MaxValue;
        foreach (JsonElement p in line.GetProperty("participants").EnumerateArray())
        {
            if (p.TryGetProperty("rule", out JsonElement r) && r.GetString() is { } name)
            {
                string baseRule = name.EndsWith(Rules.SubaddressSuffix, StringComparison.Ordinal) ? name[..^Rules.SubaddressSuffix.Length] : name;
                int at = IndexOf(baseRule);
                if (at >= 0 && at < best && baseRule != Rules.None)
                {
                    best = at;
                }
            }
        }

        return best == int.MaxValue ? "explicit" : RuleOrder[best];
    }

    /// <summary>External participants no rule matched: their registrable domain (unless free-mail) and phone.</summary>
    private void Gaps(JsonElement line, HashSet<string> domains, HashSet<string> phones)
    {
        foreach (JsonElement p in line.GetProperty("participants").EnumerateArray())
        {
            if (p.GetProperty("class").GetString() != "external" || !p.TryGetProperty("rule", out JsonElement r) || r.GetString() != Rules.None)
            {
                continue;
            }

            if (p.TryGetProperty("email", out JsonElement e) && EmailAddress.TryParse(e.GetString(), out EmailAddress email))
            {
                string domain = reference.PublicSuffixes.RegistrableDomain(email.Host) ?? email.Host;
                if (!_freeMail.Contains(email.Host) && !_freeMail.Contains(domain))
                {
                    domains.Add(domain);
                }
            }

            if (p.TryGetProperty("phone", out JsonElement ph) && ph.GetString() is { Length: > 0 } phone)
            {
                phones.Add(phone);
            }
        }
    }

    private string Period(DateTimeOffset at)
    {
        DateTime utc = at.UtcDateTime;
        return bucket switch
        {
            "day" => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "week" => $"{ISOWeek.GetYear(utc)}-W{ISOWeek.GetWeekOfYear(utc):00}",
            _ => utc.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        };
    }

    private static int IndexOf(string rule)
    {
        for (int i = 0; i < RuleOrder.Count; i++)
        {
            if (RuleOrder[i] == rule)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<GapCount> Top(Dictionary<string, long> counts, int top) =>
        [.. counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(top).Select(kv => new GapCount(kv.Key, kv.Value))];
}
