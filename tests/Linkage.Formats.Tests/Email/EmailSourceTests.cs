using System.Text;
using Linkage.Core.Model;
using Linkage.Formats.Email;

namespace Linkage.Formats.Tests.Email;

public class EmailSourceTests
{
    private static readonly List<Activity> Eml = Fixture.Activities(new EmlSource(Fixture.Path("email", "proposal.eml")));
    private static readonly MboxSource Mbox = new(Fixture.Path("email", "inbox.mbox"));

    [Fact]
    public void An_eml_message_is_an_email_whose_id_is_its_message_id() =>
        Assert.Equal(("CAF1proposal.4242@mail.ourco.com", ActivityType.Email), (Eml.Single().Id, Eml.Single().Type));

    [Fact]
    public void The_date_header_is_the_time_with_its_offset() =>
        Assert.Equal(new DateTimeOffset(2026, 2, 10, 7, 0, 0, TimeSpan.FromHours(-8)), Eml.Single().OccurredAt);

    [Fact]
    public void From_to_cc_and_bcc_become_participants_with_those_roles() =>
        Assert.Equal(["riley@ourco.com|Riley Rep|from", "jane@acme.com|Doe, Jane|to", "bob@globex.de|Bob Smith|cc", "finance@acme.com|cc", "crm-bcc@ourco.com|bcc"],
            Eml.Single().Participants.Select(Fixture.Describe));

    [Fact]
    public void Every_good_message_of_a_mailbox_is_read_in_order() =>
        Assert.Equal(["m1@mail.ourco.com", "sha256-dcc70d721ca39145bbcac119c34768a5", "m4@mail.ourco.com"], Fixture.Activities(Mbox).Select(a => a.Id));

    [Fact]
    public void A_broken_message_is_reported_by_number_and_line_and_skipped()
    {
        var broken = Fixture.ReadAll(Mbox).Single(x => x.Problem is not null);
        Assert.Equal("inbox.mbox: message 2 (line 12): no Date header", $"{Path.GetFileName(broken.At.ToString())}: {broken.Problem}");
    }

    [Fact]
    public void A_message_without_a_message_id_gets_the_same_hashed_id_every_time() =>
        Assert.Equal(Fixture.Activities(Mbox)[1].Id, Fixture.Activities(new MboxSource(Fixture.Path("email", "inbox.mbox")))[1].Id);

    [Fact]
    public void A_group_of_recipients_is_opened_up() =>
        Assert.Equal(["bob@globex.de|Smith, Bob|from", "riley@ourco.com|Riley Rep|to", "jane@acme.com|to", "tom@initech.com|to"],
            Fixture.Activities(Mbox)[1].Participants.Select(Fixture.Describe));

    [Fact]
    public void A_date_without_a_weekday_and_in_gmt_is_read() =>
        Assert.Equal(new DateTimeOffset(2026, 2, 13, 10, 0, 0, TimeSpan.Zero), Fixture.Activities(Mbox)[2].OccurredAt);

    [Fact]
    public void A_mailbox_is_streamed_the_first_message_arrives_before_the_file_is_read()
    {
        var text = new StringBuilder();
        string body = new('x', 998);
        for (int i = 0; i < 2000; i++)
        {
            text.Append($"From a@b.example Tue Feb 10 15:00:00 2026\nMessage-ID: <{i}@b.example>\nDate: Tue, 10 Feb 2026 15:00:00 +0000\nFrom: a@b.example\nTo: c@d.example\n\n");
            for (int line = 0; line < 10; line++)
            {
                text.Append(body).Append('\n');
            }

            text.Append('\n');
        }

        var source = new MboxSource(Fixture.Temp("big.mbox", text.ToString()));
        using IEnumerator<Linkage.Formats.Sources.SourceItem> items = source.Read().GetEnumerator();
        Assert.True(items.MoveNext());
        Assert.True(source.Position < source.Length / 10, $"read {source.Position} of {source.Length} bytes for the first message");
    }

    [Fact]
    public void A_file_that_is_no_message_is_reported()
    {
        string path = Fixture.Temp("empty.eml", "just some words\n");
        Assert.NotNull(Fixture.ReadAll(new EmlSource(path)).Single().Problem);
    }
}
