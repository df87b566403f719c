using System.Text.Json;
using System.Text.Json.Serialization;
using Linkage.Core.Model;

namespace Linkage.Storage.Records;

/// <summary>
/// The store's text for an activity: the whole model, losslessly (times keep their fractions and offsets),
/// so that re-reading it gives the engine exactly what the import read.
/// </summary>
internal static class ActivityJson
{
    public static string Serialize(Activity a) => JsonSerializer.Serialize(a, ActivityJsonContext.Default.Activity);

    public static Activity Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ActivityJsonContext.Default.Activity) ?? throw new StoreException("a stored activity is empty");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Activity))]
internal sealed partial class ActivityJsonContext : JsonSerializerContext;
