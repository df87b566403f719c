using System.Security.Cryptography;
using System.Text;
using Linkage.Core.Model;
using MimeKit;

namespace Linkage.Formats.Email;

/// <summary>
/// One message → an email activity: From, To, Cc and Bcc mailboxes become participants with those roles
/// (groups are opened up), Date is the time, and Message-ID the id. A message without a Message-ID gets a
/// stable id hashed from its Date, From, To, Cc and Subject headers, so the same message gets the same id
/// in every run.
/// </summary>
internal static class EmailMapping
{
    public static (Activity? Activity, string? Problem) Map(MimeMessage message)
    {
        if (!message.Headers.Contains(HeaderId.Date))
        {
            return (null, "no Date header");
        }

        if (message.Date == DateTimeOffset.MinValue)
        {
            return (null, $"Date '{message.Headers[HeaderId.Date]?.Trim()}' is not a date");
        }

        var participants = new List<Participant>();
        Add(participants, message.From, "from");
        Add(participants, message.To, "to");
        Add(participants, message.Cc, "cc");
        Add(participants, message.Bcc, "bcc");
        if (participants.Count == 0)
        {
            return (null, "no From, To, Cc or Bcc address");
        }

        return (new Activity
        {
            Id = string.IsNullOrWhiteSpace(message.MessageId) ? HashId(message) : message.MessageId.Trim(),
            Type = ActivityType.Email,
            OccurredAt = message.Date,
            Participants = participants,
        }, null);
    }

    private static void Add(List<Participant> participants, InternetAddressList addresses, string role)
    {
        foreach (MailboxAddress mailbox in addresses.Mailboxes)
        {
            if (!string.IsNullOrWhiteSpace(mailbox.Address))
            {
                participants.Add(new Participant
                {
                    Email = mailbox.Address,
                    Name = string.IsNullOrWhiteSpace(mailbox.Name) ? null : mailbox.Name.Trim(),
                    Role = role,
                });
            }
        }
    }

    private static string HashId(MimeMessage message)
    {
        var text = new StringBuilder();
        foreach (HeaderId id in new[] { HeaderId.Date, HeaderId.From, HeaderId.To, HeaderId.Cc, HeaderId.Subject })
        {
            text.Append(message.Headers[id]?.Trim()).Append('\n');
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return "sha256-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
