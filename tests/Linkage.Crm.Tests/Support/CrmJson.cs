namespace Linkage.Crm.Tests.Support;

/// <summary>Answers in the shapes the two APIs document.</summary>
public static class CrmJson
{
    public const string Number = "+14155550199";

    /// <summary>Salesforce's SOSL search answer (<c>searchRecords</c> with <c>attributes.type</c>).</summary>
    public const string SalesforceContactAndLead = """
        {"searchRecords":[
          {"attributes":{"type":"Contact","url":"/services/data/v60.0/sobjects/Contact/003000000000001AAA"},
           "Id":"003000000000001AAA","AccountId":"001000000000001AAA","Email":"Dana.Ruiz@Initech.com",
           "Phone":"(415) 555-0199","MobilePhone":null,"LastModifiedDate":"2026-01-02T10:00:00.000+0000"},
          {"attributes":{"type":"Lead","url":"/services/data/v60.0/sobjects/Lead/00Q000000000001AAA"},
           "Id":"00Q000000000001AAA","Email":"dana@initech.com","Phone":"+1 415 555 0199","MobilePhone":null,
           "IsConverted":false,"ConvertedContactId":null,"ConvertedAccountId":null,"LastModifiedDate":"2025-12-01T10:00:00.000+0000"}]}
        """;

    public const string SalesforceEmpty = """{"searchRecords":[]}""";

    /// <summary>HubSpot's CRM v3 contacts search answer.</summary>
    public const string HubSpotContact = """
        {"total":1,"results":[{"id":"51","properties":{"associatedcompanyid":"901","createdate":"2025-11-01T10:00:00.000Z",
          "email":"dana@initech.com","hs_object_id":"51","lastmodifieddate":"2026-01-02T10:00:00.000Z",
          "mobilephone":null,"phone":"+14155550199"},
          "createdAt":"2025-11-01T10:00:00.000Z","updatedAt":"2026-01-02T10:00:00.000Z","archived":false}]}
        """;

    public const string HubSpotEmpty = """{"total":0,"results":[]}""";
}
