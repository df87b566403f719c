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
/// <remarks>
/// Reading checks every element and keeps only where each distinct id's last element lies; the activities
/// are parsed again a chunk at a time as they are written. A big batch's parsed activities, kept whole
/// until its last chunk was written, were most of what every collection in between had to copy.
/// </remarks>
internal sealed class ActivityBatch
{
    private readonly byte[] _body;
    private readonly (int Start, int Length)[] _elements;

    private ActivityBatch(byte[] body, (int Start, int Length)[] elements)
    {
        _body = body;
        _elements = elements;
    }

    /// <summary>Distinct activity ids in the batch.</summary>
    public int Count => _elements.Length;

    /// <summary>
    /// Checks every activity of <paramref name="body"/>; the batch keeps each id once, at its first place,
    /// with its last activity (the last wins).
    /// </summary>
    public static (ActivityBatch? Batch, IResult? Problem) Read(byte[] body, int maxBatch)
    {
        var elements = new List<(int Start, int Length)>();
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        int index = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return (null, Problems.BadField("activities", "expected a JSON array of activities"));
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (index >= maxBatch)
                {
                    return (null, Problems.BadField("activities", $"at most {maxBatch:N0} activities per request (--max-batch); send the rest in another"));
                }

                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                int length = (int)reader.BytesConsumed - start;
                ActivityParse parse = ActivityLineParser.Parse(body.AsSpan(start, length));
                if (parse.Activity is null)
                {
                    return (null, Problems.BadField($"activities[{index}]", parse.Problem ?? "not a valid activity"));
                }

                if (at.TryGetValue(parse.Activity.Id, out int place))
                {
                    elements[place] = (start, length);
                }
                else
                {
                    at.Add(parse.Activity.Id, elements.Count);
                    elements.Add((start, length));
                }

                index++;
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

        return (new ActivityBatch(body, [.. elements]), null);
    }

    /// <summary>The activities from place <paramref name="from"/> on, at most <paramref name="count"/>.</summary>
    public Activity[] Activities(int from, int count)
    {
        var activities = new Activity[Math.Min(count, _elements.Length - from)];
        for (int i = 0; i < activities.Length; i++)
        {
            (int start, int length) = _elements[from + i];
            activities[i] = ActivityLineParser.Parse(_body.AsSpan(start, length)).Activity
                ?? throw new InvalidOperationException($"activities[{from + i}] parsed when the batch was read and not now");
        }

        return activities;
    }
}
