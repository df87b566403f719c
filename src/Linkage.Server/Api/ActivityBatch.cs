using System.Text.Json;
using Linkage.Core.Model;
using Linkage.Formats.Canonical;
using Microsoft.AspNetCore.Http;

namespace Linkage.Server.Api;

/// <summary>
/// A batch of activities: a JSON array of canonical activities (formats.md, the lines of an activities
/// file). Each element is cut out of the body and read by the same parser as a file's line, so the API
/// accepts exactly what the command line does. One bad activity refuses the batch, naming it.
/// </summary>
internal static class ActivityBatch
{
    public static (List<Activity>? Activities, IResult? Problem) Parse(byte[] body, int maxBatch)
    {
        var activities = new List<Activity>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return (null, Problems.BadField("activities", "expected a JSON array of activities"));
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int index = activities.Count;
                if (index >= maxBatch)
                {
                    return (null, Problems.BadField("activities", $"at most {maxBatch:N0} activities per request (--max-batch); send the rest in another"));
                }

                long start = reader.TokenStartIndex;
                reader.Skip();
                long end = reader.BytesConsumed;
                ActivityParse parse = ActivityLineParser.Parse(body.AsSpan((int)start, (int)(end - start)));
                if (parse.Activity is null)
                {
                    return (null, Problems.BadField($"activities[{index}]", parse.Problem ?? "not a valid activity"));
                }

                activities.Add(parse.Activity);
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
            {
                return (null, Problems.BadField("activities", "the JSON array is not closed, or something follows it"));
            }
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadField("activities", $"not valid JSON: {ex.Message}"));
        }

        return (activities, null);
    }
}
