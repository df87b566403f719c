using Microsoft.AspNetCore.Http;

namespace Linkage.Server.Api;

/// <summary>
/// RFC 7807 problem details, the one shape of every error: <c>title</c> and <c>detail</c> in words, and for
/// bad input <c>errors</c> keyed by the field at fault (<c>activities[3]</c>, <c>contacts[0].modifiedAt</c>).
/// </summary>
internal static class Problems
{
    public static IResult BadField(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            detail: $"{field}: {message}",
            title: "The request is not valid");

    public static IResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"this workspace has no {what}");

    public static IResult TooLarge(long limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
            detail: $"the request body is larger than the limit of {limit:N0} bytes (--max-body-bytes)");

    /// <summary>For middleware, which writes its answer itself.</summary>
    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail, Type = TypeOf(status) },
            options: null, contentType: "application/problem+json");
    }

    private static string TypeOf(int status) => status switch
    {
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        _ => "about:blank",
    };
}
