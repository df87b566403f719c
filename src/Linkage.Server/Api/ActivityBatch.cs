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
/// Reading checks every element and keeps only where each distinct id's last element lies (and the parsed
/// activities of the first chunk); the rest are parsed again a chunk at a time as they are written. A big
/// batch's parsed activities, kept whole until its last chunk was written, were most of what every
/// collection in between had to copy.
/// </remarks>
internal sealed class ActivityBatch
{
    private readonly byte[] _body;
    private readonly (int Start, int Length)[] _elements;
    // The activities of the first places, as the check parsed them: a single-activity request, and the
    // first chunk of any batch, is parsed once, not checked and then parsed again.
    private readonly Activity[] _kept;

    private ActivityBatch(byte[] body, (int Start, int Length)[] elements, Activity[] kept)
    {
        _body = body;
        _elements = elements;
        _kept = kept;
    }

    /// <summary>Distinct activity ids in the batch.</summary>
    public int Count => _elements.Length;

    /// <summary>
    /// Checks every activity of <paramref name="body"/>; the batch keeps each id once, at its first place,
    /// with its last activity (the last wins).
    /// </summary>
    /// <param name="body">The request's body.</param>
    /// <param name="maxBatch">The most activities a request may hold.</param>
    /// <param name="keep">How many of the first places keep their parsed activity (the first chunk).</param>
    public static (ActivityBatch? Batch, IResult? Problem) Read(byte[] body, int maxBatch, int keep)
    {
        var elements = new List<(int Start, int Length)>();
        var kept = new List<Activity>();
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
                    if (place < kept.Count)
                    {
                        kept[place] = parse.Activity;
                    }
                }
                else
                {
                    at.Add(parse.Activity.Id, elements.Count);
                    elements.Add((start, length));
                    if (kept.Count < keep)
                    {
                        kept.Add(parse.Activity);
                    }
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

        return (new ActivityBatch(body, [.. elements], [.. kept]), null);
    }

    /// <summary>The activities from place <paramref name="from"/> on, at most <paramref name="count"/>.</summary>
    public Activity[] Activities(int from, int count)
    {
        var activities = new Activity[Math.Min(count, _elements.Length - from)];
        for (int i = 0; i < activities.Length; i++)
        {
            if (from + i < _kept.Length)
            {
                activities[i] = _kept[from + i];
                continue;
            }

            (int start, int length) = _elements[from + i];
            activities[i] = ActivityLineParser.Parse(_body.AsSpan(start, length)).Activity
                ?? throw new InvalidOperationException($"activities[{from + i}] parsed when the batch was read and not now");
        }

        return activities;
    }
}
