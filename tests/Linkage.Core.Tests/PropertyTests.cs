using System.Text.Json;
using CsCheck;
using Linkage.Core.Engine;
using Linkage.Core.Model;
using Linkage.Core.Normalisation;
using Linkage.Core.Tests.Support;

namespace Linkage.Core.Tests;

/// <summary>
/// Properties that must hold for any input: the spec promises a pure function of the inputs, so the order
/// records or participants arrive in cannot matter, and normalised keys must be fixed points.
/// </summary>
public class PropertyTests
{
    private const int Iterations = 400;

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>A failing sample printed as JSON, so it can be pasted into a regression test.</summary>
    private static string Print<T1, T2, T3, T4>((T1, T2, T3, T4) sample) =>
        Json(new object?[] { sample.Item1, sample.Item2, sample.Item3, sample.Item4 });

    private static AssociationResult Associate(CrmSnapshot snapshot, LinkageSettings settings, Activity activity) =>
        Associator.Create(snapshot, settings).Associate(activity);

    [Fact]
    public void Shuffling_the_snapshot_changes_no_result() =>
        (from snapshot in Generators.Snapshot
         from settings in Generators.Settings
         from activity in Generators.Activity
         from shuffled in Generators.Shuffled(snapshot)
         select (snapshot, settings, activity, shuffled))
        .Sample((snapshot, settings, activity, shuffled) =>
            Assert.Equal(Json(Associate(snapshot, settings, activity)), Json(Associate(shuffled, settings, activity))),
            iter: Iterations, print: Print);

    [Fact]
    public void A_warm_associator_gives_what_a_fresh_one_gives() =>
        // The associator remembers normalised keys and context-free outcomes across activities; what it
        // remembers must never show: every activity, in any order, equals a run on a fresh associator.
        (from snapshot in Generators.Snapshot
         from settings in Generators.Settings
         from activities in Generators.Activity.Array[2, 8]
         select (snapshot, settings, activities))
        .Sample((snapshot, settings, activities) =>
        {
            Associator shared = Associator.Create(snapshot, settings);
            foreach (Activity activity in activities.Concat(activities.Reverse()))
            {
                Assert.Equal(Json(Associate(snapshot, settings, activity)), Json(shared.Associate(activity)));
            }
        }, iter: Iterations);

    [Fact]
    public void Associating_in_parallel_gives_what_one_at_a_time_gives() =>
        // Runs (their sets and scratch arrays) are reused across calls and threads; nothing of one activity
        // may leak into another's result however the calls interleave.
        (from snapshot in Generators.Snapshot
         from settings in Generators.Settings
         from activities in Generators.Activity.Array[8, 32]
         select (snapshot, settings, activities))
        .Sample((snapshot, settings, activities) =>
        {
            Associator shared = Associator.Create(snapshot, settings);
            string[] expected = [.. activities.Select(a => Json(Associate(snapshot, settings, a)))];
            var actual = new string[activities.Length * 8];
            Parallel.For(0, actual.Length, i => actual[i] = Json(shared.Associate(activities[i % activities.Length])));
            for (int i = 0; i < actual.Length; i++)
            {
                Assert.Equal(expected[i % activities.Length], actual[i]);
            }
        }, iter: 100);

    [Fact]
    public void Shuffling_participants_changes_no_id_set() =>
        ParticipantShuffles().Sample((snapshot, settings, activity, shuffled) =>
            Assert.Equal(Ids.Of(Associate(snapshot, settings, activity)), Ids.Of(Associate(snapshot, settings, shuffled))),
            iter: Iterations, print: Print);

    [Fact]
    public void Shuffling_participants_changes_no_deal_reason() =>
        ParticipantShuffles().Sample((snapshot, settings, activity, shuffled) =>
            Assert.Equal(Json(Associate(snapshot, settings, activity).DealReasons),
                Json(Associate(snapshot, settings, shuffled).DealReasons)),
            iter: Iterations, print: Print);

    [Fact]
    public void Shuffling_participants_changes_no_participant_result() =>
        // Output order follows input order, so participants are compared as a multiset.
        ParticipantShuffles().Sample((snapshot, settings, activity, shuffled) =>
            Assert.Equal(ParticipantMultiset(Associate(snapshot, settings, activity)),
                ParticipantMultiset(Associate(snapshot, settings, shuffled))),
            iter: Iterations, print: Print);

    [Fact]
    public void Shuffling_participants_changes_no_status() =>
        ParticipantShuffles().Sample((snapshot, settings, activity, shuffled) =>
            Assert.Equal(Associate(snapshot, settings, activity).Status, Associate(snapshot, settings, shuffled).Status),
            iter: Iterations, print: Print);

    [Fact]
    public void Normalising_an_email_twice_equals_normalising_once() =>
        Gen.OneOf(EmailInputs, Gen.String).Sample(input =>
        {
            if (EmailAddress.TryParse(input, out EmailAddress once))
            {
                Assert.True(EmailAddress.TryParse(once.Address, out EmailAddress twice), once.Address);
                Assert.Equal(once, twice);
            }
        }, iter: 2000);

    [Fact]
    public void Normalising_a_host_twice_equals_normalising_once() =>
        Gen.OneOf(WebsiteInputs, Gen.String).Sample(input =>
        {
            if (DomainName.Normalise(input, dropWww: false) is { } once)
            {
                Assert.Equal(once, DomainName.Normalise(once, dropWww: false));
            }
        }, iter: 2000);

    [Fact]
    public void Normalising_a_website_twice_equals_normalising_once() =>
        WebsiteInputs.Sample(input =>
        {
            if (DomainName.Normalise(input, dropWww: true) is { } once)
            {
                Assert.Equal(once, DomainName.Normalise(once, dropWww: true));
            }
        }, iter: 2000);

    [Fact]
    public void Normalising_a_phone_twice_equals_normalising_once() =>
        Gen.Select(PhoneInputs, Gen.OneOf<string?>(null, "US", "GB", "FR", "JP"), Gen.OneOf("US", "GB", "DE"))
            .Sample((input, region, defaultRegion) =>
            {
                if (PhoneNumber.TryNormalise(input, region, defaultRegion, out string once))
                {
                    // E.164 carries its country code, so it must read the same under any region.
                    Assert.True(PhoneNumber.TryNormalise(once, "JP", "FR", out string twice), once);
                    Assert.Equal(once, twice);
                }
            }, iter: 2000);

    private static Gen<(CrmSnapshot, LinkageSettings, Activity, Activity)> ParticipantShuffles() =>
        from snapshot in Generators.Snapshot
        from settings in Generators.Settings
        from activity in Generators.Activity
        from participants in Gen.Shuffle(activity.Participants.ToArray())
        select (snapshot, settings, activity, activity with { Participants = participants });

    private static string[] ParticipantMultiset(AssociationResult result) =>
        [.. result.Participants.Select(Json).Order(StringComparer.Ordinal)];

    private static readonly Gen<string> EmailInputs =
        Gen.Select(
            Gen.OneOf("", "  ", "Jane Doe <", "\"Doe, Jane\" <", "mailto:", "MAILTO:", "<"),
            Gen.OneOf("jane", "Jane", "JANE", "jane+Deals", "j.doe", "a", "+x", "jane doe", ""),
            Gen.OneOf("@", "@@", ""),
            Gen.OneOf("acme.com", "Acme.COM", "acme.com.", "bücher.de", "BÜCHER.de", "xn--bcher-kva.de", "mail.eu.acme.co.uk",
                "b", "acme..com", "ACME.CO.UK.", "straße.de", "localhost"),
            Gen.OneOf("", ">", " ", "?subject=hi", "> "),
            (prefix, local, at, host, suffix) => prefix + local + at + host + suffix);

    private static readonly Gen<string> WebsiteInputs =
        Gen.Select(
            Gen.OneOf("", "http://", "https://", "HTTPS://", "https://user:pw@"),
            Gen.OneOf("", "www.", "WWW."),
            Gen.OneOf("acme.com", "Acme.COM", "bücher.de", "BÜCHER.de", "globex.co.uk", "www.com", "shop.acme.com", "x", "a..b"),
            Gen.OneOf("", ".", ":8080", ":443"),
            Gen.OneOf("", "/", "/about", "?q=1", "#top", "/a?b=c#d"),
            (scheme, www, host, port, path) => scheme + www + host + port + path);

    private static readonly Gen<string> PhoneInputs =
        Gen.Select(
            Gen.OneOf("", "+1 ", "1 ", "+44 ", "0", "+33 ", "tel:+1-"),
            Gen.OneOf("(415) 555-01", "415.555.01", "20 7946 09", "1 42 68 53 ", "4155550", "12"),
            Gen.Int[0, 99],
            Gen.OneOf("", " x123", " ext. 7", ";ext=1"),
            (prefix, body, last, extension) => prefix + body + last.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + extension);
}
