using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Linkage.Server.Api;
using Linkage.Server.Auth;
using Linkage.Server.Coverage;
using Linkage.Server.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.Server.Hosting;

/// <summary>
/// Builds the server: Kestrel on the configured URLs, the store pool and per-workspace engines, the API
/// key check, the per-key rate limiter, problem details for every error, the API's route groups, the
/// OpenAPI document (<c>/openapi/v1.json</c>) and the page. A generic host, so that tests can run the same
/// host in-process (WebApplicationFactory) or on a real port.
/// </summary>
public static class ServerHost
{
    public static IHostBuilder CreateHostBuilder(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Host.CreateDefaultBuilder([])
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .ConfigureWebHost(web => web
                .UseKestrel(k =>
                {
                    k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
                    k.AddServerHeader = false;
                })
                .UseUrls(options.Urls)
                .ConfigureServices(services => ConfigureServices(services, options))
                .Configure(Configure));
    }

    private static void ConfigureServices(IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new StorePool(options.Store));
        services.AddHostedService<WalCheckpointer>();
        if (GcLog.Enabled)
        {
            services.AddHostedService<GcLog>();
        }

        if (RequestTimes.Enabled)
        {
            services.AddSingleton<RequestTimes>();
        }

        if (GcLog.WithAllocations)
        {
            services.AddSingleton(new AllocTicks());
        }

        services.AddSingleton<WorkspaceEngines>();
        // One machine: engines in this process. A cluster registers its own after this (the last registration wins).
        services.AddSingleton<IWorkspaceEngines>(sp => sp.GetRequiredService<WorkspaceEngines>());
        services.AddSingleton<CoverageCache>();
        services.AddRouting();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                options.RateLimit > 0 && ApiKeyMiddleware.KeyHashOf(http) is { } key
                    ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.RateLimit,
                        Window = options.RateLimitWindow,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("unlimited"));
            limiter.OnRejected = (context, _) =>
            {
                int seconds = (int)Math.Ceiling(options.RateLimitWindow.TotalSeconds);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new ValueTask(Problems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"this key may make {options.RateLimit:N0} requests per {options.RateLimitWindow.TotalSeconds:0.###} s (--rate-limit); retry after {seconds} s"));
            };
        });
    }

    private static void Configure(IApplicationBuilder app)
    {
        // Unhandled failures become a 500 problem without the stack trace; unknown routes a 404 problem.
        if (RequestTimes.Enabled)
        {
            app.UseMiddleware<RequestTimes>();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRateLimiter();
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            RouteGroupBuilder api = endpoints.MapGroup("/api");
            CrmEndpoints.Map(api);
            ActivityEndpoints.Map(api);
            SearchEndpoints.Map(api);
            CoverageEndpoints.Map(api);
            endpoints.MapOpenApi();
            PageEndpoints.Map(endpoints);
        });
    }
}
