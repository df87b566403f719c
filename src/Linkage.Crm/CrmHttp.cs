using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Linkage.Crm;

/// <summary>
/// Sends a directory's requests through one resilience pipeline (retry → circuit breaker → per-attempt
/// timeout) and turns the final answer into JSON or a typed failure.
/// </summary>
internal sealed class CrmHttp
{
    private readonly HttpClient _client;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Both CRMs take the token as a bearer token (an OAuth access token, or a HubSpot private-app token).</summary>
    public CrmHttp(HttpClient client, string token, CrmResilienceOptions options)
    {
        _client = client;
        _authorization = new AuthenticationHeaderValue("Bearer", token);
        _pipeline = Build(options);
    }

    /// <summary>Sends what <paramref name="createRequest"/> builds (a new message per attempt, authorised here) and parses the body.</summary>
    public async Task<JsonDocument> SendAsync(Func<HttpRequestMessage> createRequest, RequestGate gate, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async token =>
            {
                gate.Enter();
                using HttpRequestMessage request = createRequest();
                request.Headers.Authorization = _authorization;
                return await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException e)
        {
            throw new CrmUnavailableException("the CRM API circuit is open after repeated failures", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new CrmUnavailableException("the CRM API did not answer in time", e);
        }
        catch (HttpRequestException e)
        {
            throw new CrmUnavailableException("the CRM API could not be reached: " + e.Message, e);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new CrmAuthException($"the CRM API refused the token ({(int)response.StatusCode}); check LINKAGE_CRM_TOKEN");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new CrmUnavailableException($"the CRM API answered {(int)response.StatusCode} after retries");
            }

            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException e)
            {
                throw new CrmResponseException("the CRM API answered with a body that is not JSON", e);
            }
        }
    }

    private static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;

    private static ResiliencePipeline<HttpResponseMessage> Build(CrmResilienceOptions options)
    {
        PredicateBuilder<HttpResponseMessage> transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(IsTransient);

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        // Polly refuses a retry strategy of zero attempts; "no retries" is simply no retry strategy.
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // The server knows its own rate limit better than our back-off does.
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.MaxRetryAfter)),
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>The server's Retry-After as a delay, or null to let the back-off decide.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        TimeSpan? delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (delay is not { } d)
        {
            return null;
        }

        return d < TimeSpan.Zero ? TimeSpan.Zero : d > max ? max : d;
    }
}
