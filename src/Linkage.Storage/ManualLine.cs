using System.Text.Json;
using System.Text.Json.Nodes;
using Linkage.Storage.Records;

namespace Linkage.Storage;

/// <summary>
/// The export line of a pinned activity: the canonical association line with the four id lists replaced
/// by the pin, each pinned deal's reason <c>manual</c>, <c>"manual": true</c>, and what the engine would
/// have said under <c>automatic</c>. The participants' explanation stays, so a reader still sees who was on it.
/// </summary>
internal static class ManualLine
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Build(string activityId, string? automaticLine, StoredIds pin)
    {
        JsonObject auto = automaticLine is null ? [] : JsonNode.Parse(automaticLine)?.AsObject() ?? [];
        var line = new JsonObject
        {
            ["activityId"] = activityId,
            ["status"] = pin.IsEmpty ? "unmatched" : "associated",
            ["manual"] = true,
            ["contacts"] = Ids(pin.Contacts),
            ["accounts"] = Ids(pin.Accounts),
            ["leads"] = Ids(pin.Leads),
            ["deals"] = Ids(pin.Deals),
        };
        line["participants"] = auto["participants"]?.DeepClone() ?? new JsonArray();
        line["dealReasons"] = new JsonArray([.. pin.Deals.Select(d => (JsonNode)new JsonObject
        {
            ["dealId"] = d,
            ["reason"] = "manual",
            ["narrowedBy"] = new JsonArray(),
        })]);
        line["warnings"] = auto["warnings"]?.DeepClone() ?? new JsonArray();
        line["crmApiCalls"] = auto["crmApiCalls"]?.DeepClone() ?? 0;
        if (automaticLine is not null)
        {
            line["automatic"] = new JsonObject
            {
                ["status"] = auto["status"]?.DeepClone(),
                ["contacts"] = auto["contacts"]?.DeepClone(),
                ["accounts"] = auto["accounts"]?.DeepClone(),
                ["leads"] = auto["leads"]?.DeepClone(),
                ["deals"] = auto["deals"]?.DeepClone(),
            };
        }

        return line.ToJsonString(Options);
    }

    private static JsonArray Ids(IReadOnlyList<string> ids) => new([.. ids.Select(i => (JsonNode)JsonValue.Create(i))]);
}
