using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;
using Tally.Ledger;
using Tally.Web.Api;
using Tally.Web.Pages;

namespace Tally.Web;

/// <summary>
/// Builds Tally's web server: the JSON API (/api/..., /healthz, /openapi/v1.json) and the dashboard, over one ledger.
/// <c>tally serve</c> runs it; tests host it (with TestServer or on a loopback port) through <see cref="Build"/>.
/// </summary>
public static class TallyWebApp
{
    /// <summary>The Content-Security-Policy of every response: this server's own files only, no inline script or style.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <param name="options">Database, addresses, key, limits.</param>
    /// <param name="configure">Last changes to the builder before it is built (tests: a TestServer, logging).</param>
    public static WebApplication Build(TallyWebOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(TallyWebApp).Assembly.GetName().Name,
            EnvironmentName = options.Environment,
            Args = [],
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });
        // Per-request logs cost throughput; warnings and errors still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // One line per record. A request that fails is logged once, by HandleException, as one line: a client's failure
        // (a body sent too slowly, 408; a malformed request) as a warning without a stack trace, the server's own as an
        // error; the exception handler middleware's own record (the whole stack trace, for every client error too) is off.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware", LogLevel.None);

        var apiKey = options.ApiKey ?? builder.Configuration["Tally:ApiKey"] ?? Environment.GetEnvironmentVariable(WebSettings.ApiKeyEnvironmentVariable);
        var settings = new WebSettings(apiKey, options.MaxBodyBytes, options.MaxPageSize);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(options);
        services.AddSingleton(_ => new LedgerPool(options.Database, options.PoolSize));
        services.AddSingleton(new ResponseCache(options.ResponseCacheSize, options.ResponseCacheBytes));
        services.AddSingleton(sp => new HeavyRequests(
            options.HeavyConcurrency ?? Math.Max(1, sp.GetRequiredService<LedgerPool>().Size / 2), options.HeavyQueue, options.HeavyWait));
        services.AddSingleton(sp => new DocumentIntake(sp.GetRequiredService<LedgerPool>(), options.MaxBodyBytes));
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            // <, >, &, ' and + escaped (\u003C ...) even in JSON: a response read as HTML by mistake carries no markup.
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict; // numbers are numbers (and so in the OpenAPI schema)
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo
                {
                    Title = "Tally API",
                    Version = "v1",
                    Description = "Claims about people killed, injured, missing, captured, displaced, affected, deployed or returned, " +
                                  "extracted from crisis news and merged across outlets, each with its citations. Errors are RFC 7807 problem details.",
                };
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                doc.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = WebSettings.ApiKeyHeader,
                    Description = "Required by POST /api/documents; set on the server through Tally:ApiKey or TALLY_API_KEY.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((op, ctx, _) =>
            {
                if (ctx.Description.HttpMethod == "GET" && ctx.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().Any(n => n.EndpointName == "ListClaims"))
                    ApiEndpoints.DescribeClaimQuery(op);
                if (ctx.Description.HttpMethod == "POST")
                    op.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", ctx.Document)] = [] }];
                return Task.CompletedTask;
            });
        });
        if (options.CorsOrigins.Count > 0)
            services.AddCors(c => c.AddDefaultPolicy(p => p.WithOrigins([.. options.CorsOrigins]).WithMethods("GET", "POST")
                .WithHeaders("Content-Type", WebSettings.ApiKeyHeader)));

        configure?.Invoke(builder);
        var app = builder.Build();
        // Open (creating or migrating) the ledger now: a bad location fails here, not on the first request.
        app.Services.GetRequiredService<LedgerPool>();

        app.Use(SecurityHeaders);
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleException, StatusCodeSelector = StatusFor });
        app.UseStatusCodePages(StatusCodePage);
        if (options.CorsOrigins.Count > 0) app.UseCors();
        app.MapOpenApi().ExcludeFromDescription();
        ApiEndpoints.Map(app);
        Dashboard.Map(app);
        StaticAssets.Map(app);
        return app;
    }

    private static Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        // Set as the response starts, so that error pages (which clear headers) carry them too.
        http.Response.OnStarting(static state =>
        {
            var h = ((HttpContext)state).Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Cross-Origin-Resource-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            return Task.CompletedTask;
        }, http);
        return next();
    }

    private static bool IsApi(HttpRequest r) =>
        r.Path.StartsWithSegments("/api") || r.Path.StartsWithSegments("/healthz") || r.Path.StartsWithSegments("/openapi") || r.Path.StartsWithSegments("/charts");

    private static int StatusFor(Exception e) => e switch
    {
        BadHttpRequestException b => b.StatusCode,
        OperationCanceledException => 499,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static async Task HandleException(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        int status = error is null ? 500 : StatusFor(error);
        http.Response.StatusCode = status;
        var title = status switch
        {
            400 => "Bad request", 413 => "Request body too large", 499 => "Request cancelled",
            _ => "Internal server error",
        };
        // A client's mistake may be told (a parameter that does not parse); the server's own failures are not detailed.
        var detail = error is BadHttpRequestException b && status < 500 ? b.Message : null;
        var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Tally.Web");
        if (status >= 500)
            log.LogError(error, "request failed: {Path}", http.Request.Path.Value);
        else if (error is BadHttpRequestException bad)
            log.LogWarning("request failed: {Status} {Method} {Path}: {Reason}", status, http.Request.Method, http.Request.Path.Value, Failures.Describe(bad));
        await WriteError(http, status, title, detail);
    }

    private static Task StatusCodePage(StatusCodeContext ctx)
    {
        var http = ctx.HttpContext;
        int status = http.Response.StatusCode;
        var title = status switch
        {
            404 => "Not found", 405 => "Method not allowed", 400 => "Bad request", 413 => "Request body too large", 415 => "Unsupported media type",
            _ => ReasonPhrase(status),
        };
        var detail = status switch
        {
            404 => $"nothing at {http.Request.Path.Value}",
            400 => "a parameter could not be read (a number that is not one, a value given twice)",
            _ => null,
        };
        return WriteError(http, status, title, detail);
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } p ? p : "Error";

    private static async Task WriteError(HttpContext http, int status, string title, string? detail)
    {
        if (IsApi(http.Request) || http.Request.Method != HttpMethods.Get)
        {
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
            return;
        }
        await Html.Error(status, title, detail ?? title).ExecuteAsync(http);
    }

    /// <summary>True when every address in <paramref name="urls"/> is a loopback one (localhost, 127.0.0.0/8, [::1]).</summary>
    public static bool IsLoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(u =>
            Uri.TryCreate(u.Replace("://*", "://wildcard.invalid").Replace("://+", "://wildcard.invalid"), UriKind.Absolute, out var uri) &&
            (uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))));
}
