using Linkage.Core.Model;
using Linkage.Formats.Gong;

namespace Linkage.Formats.Tests.Gong;

public class GongCallsSourceTests
{
    private static readonly GongCallsSource Source = new(Fixture.Path("gong", "calls-extensive.json"));

    private static Activity Call(string id) => Fixture.Activities(Source).Single(a => a.Id == id);

    [Fact]
    public void Each_call_becomes_a_call_activity_with_its_id() =>
        Assert.Equal(["7782342274025937895", "7782342274025937896"], Fixture.Activities(Source).Select(a => a.Id));

    [Fact]
    public void A_call_happened_when_it_started() =>
        Assert.Equal((ActivityType.Call, new DateTimeOffset(2026, 2, 10, 15, 2, 11, TimeSpan.Zero), false),
            Call("7782342274025937895") is var c ? (c.Type, c.OccurredAt, c.Dialer) : default);

    [Fact]
    public void A_call_that_never_started_takes_its_scheduled_time() =>
        Assert.Equal(new DateTimeOffset(2026, 2, 11, 17, 30, 0, TimeSpan.Zero), Call("7782342274025937896").OccurredAt);

    [Fact]
    public void Parties_become_participants_with_email_phone_name_and_affiliation() =>
        Assert.Equal(["riley@ourco.com|+1 650 555 0000|Riley Rep|internal", "jane@acme.com|Jane Doe|external", "+14155550123|Dial-in user"],
            Call("7782342274025937895").Participants.Select(Fixture.Describe));

    [Fact]
    public void Salesforce_context_objects_become_crm_refs_with_18_character_ids() =>
        Assert.Equal([new CrmRef(CrmRefType.Account, "001Dn00000AcmeAIAR"), new CrmRef(CrmRefType.Deal, "006Dn00000ExpAnIAJ")],
            Call("7782342274025937895").CrmRefs);

    [Fact]
    public void A_party_context_becomes_that_participant_refs() =>
        Assert.Equal([new CrmRef(CrmRefType.Contact, "003Dn00000JaneDIAR")], Call("7782342274025937895").Participants[1].CrmRefs);

    [Fact]
    public void A_call_without_an_id_is_reported_by_its_number() =>
        Assert.Equal(["call 3: metaData.id is missing"], Fixture.Problems(Source));

    [Fact]
    public void Several_pages_saved_as_an_array_are_all_read()
    {
        string page = File.ReadAllText(Fixture.Path("gong", "calls-extensive.json"));
        string path = Fixture.Temp("pages.json", $"[{page},{page}]");
        Assert.Equal(4, Fixture.Activities(new GongCallsSource(path)).Count);
    }

    [Fact]
    public void Context_from_another_crm_keeps_its_ids_as_written()
    {
        string path = Fixture.Temp("hs.json", """
            {"calls":[{"metaData":{"id":"1","started":"2026-02-10T15:00:00Z"},
              "context":[{"system":"HubSpot","objects":[{"objectType":"Deal","objectId":"9001"},{"objectType":"Company","objectId":"5001"}]}]}]}
            """);
        Assert.Equal([new CrmRef(CrmRefType.Deal, "9001"), new CrmRef(CrmRefType.Account, "5001")], Fixture.Activities(new GongCallsSource(path))[0].CrmRefs);
    }

    [Fact]
    public void Json_that_is_no_calls_response_is_one_reported_problem()
    {
        string path = Fixture.Temp("other.json", """{"users":[{"id":"1"}]}""");
        Assert.Equal("no calls[] array: not a Gong calls response", Fixture.ReadAll(new GongCallsSource(path)).Single().Problem);
    }

    [Fact]
    public void A_file_that_is_not_json_is_one_reported_problem()
    {
        string path = Fixture.Temp("broken.json", "{\"calls\": [ {\"metaData\": ");
        Assert.Equal("file 0", Fixture.ReadAll(new GongCallsSource(path)).Single() is var x ? $"{x.At.Unit} {x.At.Number}" : "");
    }
}
