using System.Net;
using System.Text;
using System.Text.Json;

namespace Linkage.Server.Tests.Support;

/// <summary>Small helpers: send JSON text, read the answer as a document, and check problem details.</summary>
internal static class Http
{
    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, string json) =>
        client.PutAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> Json(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>An RFC 7807 answer with this status; returns it for further checks.</summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage response, HttpStatusCode expected)
    {
        JsonElement problem = await response.Json(expected);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", problem.ToString());
        return problem;
    }

    /// <summary>A 400 problem whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task<string> BadField(this HttpResponseMessage response, string field)
    {
        JsonElement problem = await response.Problem(HttpStatusCode.BadRequest);
        JsonElement errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out JsonElement messages), $"errors do not name {field}: {errors}");
        return messages[0].GetString()!;
    }

    public static string[] Strings(this JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetString()!)];
}
