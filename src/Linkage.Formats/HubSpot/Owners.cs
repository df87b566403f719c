using System.Net.Mail;
using Linkage.Core.Model;

namespace Linkage.Formats.HubSpot;

/// <summary>
/// HubSpot exports an owner as written in its owner column: a name ("Jane Rep"), an email, or both
/// ("Jane Rep (jane@ourco.com)"). Each distinct owner becomes a user whose id is that text, so deals and
/// companies can point at it, with the email when one is given.
/// </summary>
internal sealed class Owners
{
    private readonly Dictionary<string, CrmUser> _users = new(StringComparer.Ordinal);

    public List<CrmUser> Users => [.. _users.Values];

    public string? IdOf(string? owner)
    {
        if (string.IsNullOrWhiteSpace(owner))
        {
            return null;
        }

        string id = owner.Trim();
        if (!_users.ContainsKey(id))
        {
            (string? name, string? email) = Split(id);
            _users[id] = new CrmUser { Id = id, Name = name, Emails = email is null ? [] : [email] };
        }

        return id;
    }

    private static (string? Name, string? Email) Split(string owner)
    {
        int open = owner.LastIndexOf('(');
        if (open > 0 && owner.EndsWith(')') && IsEmail(owner[(open + 1)..^1].Trim()))
        {
            return (owner[..open].Trim(), owner[(open + 1)..^1].Trim());
        }

        return IsEmail(owner) ? (null, owner) : (owner, null);
    }

    private static bool IsEmail(string s) => s.Contains('@', StringComparison.Ordinal) && MailAddress.TryCreate(s, out _);
}
