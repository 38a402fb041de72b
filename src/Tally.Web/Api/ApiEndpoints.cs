using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Tally.Documents;
using Tally.Ledger;
using Tally.Model;
using Microsoft.OpenApi;

namespace Tally.Web.Api;

/// <summary>The JSON API under /api, and /healthz. Every error is an RFC 7807 problem.</summary>
internal static class ApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("ledger");
        api.MapGet("/claims", ListClaims).WithName("ListClaims")
            .WithSummary("Ledger entries, filtered, sorted and paged")
            .WithDescription("The filters of `tally claims`; `total` is the number of entries the filters select. The answer carries " +
                             "an ETag that changes when the ledger does (If-None-Match gives 304).")
            .Produces<ClaimPage>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/claims/{id:long}", GetClaim).WithName("GetClaim")
            .WithSummary("One ledger entry with all its citations");
        api.MapGet("/documents/{id:long}", GetDocument).WithName("GetDocument")
            .WithSummary("A stored document: its cleaned text and its claims, with offsets into that text");
        api.MapGet("/timeline", Timeline).WithName("GetTimeline")
            .WithSummary("Every source's estimates of a figure over time, one series per source")
            .AddEndpointFilter(HeavyRequests.Filter)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/documents", PostDocuments).WithName("PostDocuments")
            .WithSummary("Ingest one or more documents (requires the X-Api-Key header)")
            .WithDescription("The body is any input Tally reads: plain text (text/plain), a news-please article or an array of them " +
                             "(application/json), JSON Lines (application/x-ndjson), an HTML page (text/html), an RSS or Atom feed " +
                             "(application/rss+xml, application/atom+xml); `format` overrides the Content-Type. Nothing is fetched: " +
                             "URLs in documents are never followed. Answers 201 when something was stored, 200 when every document " +
                             "was already in the ledger, 422 when none could be read.")
            .Accepts<string>("text/plain", "application/json", "application/x-ndjson", "text/html", "application/rss+xml", "application/atom+xml", "application/xml")
            .Produces<IngestResultDto>(StatusCodes.Status201Created)
            .Produces<IngestResultDto>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/healthz", Health).WithName("Health").WithTags("service").WithSummary("The server and its database answer");
    }

    /// <summary>
    /// The query is read by the library's <see cref="ClaimQuery"/> (its parameters are described in the OpenAPI document
    /// from the same table, see <see cref="DescribeClaimQuery"/>). A value that does not parse as its type (a number that
    /// is not one) is a bad request, as when the framework bound it; a value that parses but is wrong is a validation problem.
    /// </summary>
    private static async Task<IResult> ListClaims(HttpContext http, LedgerPool pool, WebSettings settings,
        ResponseCache cache, HeavyRequests heavy, IOptions<JsonOptions> json, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        var query = ClaimQuery.Read(name => http.Request.Query[name], errors);
        if (errors.Count > 0) return Results.StatusCode(StatusCodes.Status400BadRequest);
        if (!query.TryFilter(settings.MaxPageSize, out var filter, errors)) return TypedResults.ValidationProblem(errors, title: "Invalid query");
        var withCitations = query.Citations == true;
        var key = http.Request.QueryString.Value ?? "";
        // The same question against an unchanged ledger has the same answer: kept, and told to the client by its ETag.
        // A kept answer is cheap; working one out is a heavy request, which waits for its turn.
        var (body, etag) = await pool.UseAsync<(byte[]?, string?)>(s => cache.TryGet(key, s.ChangeMark(), out var b, out var t) ? (b, t) : (null, null), cancel);
        if (body is null || etag is null)
        {
            using var lease = await heavy.EnterAsync(cancel);
            if (lease is null) return HeavyRequests.Busy(http);
            (body, etag) = await Answer();
        }
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.Headers.IfNoneMatch.Contains(etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(body, "application/json; charset=utf-8");

        ValueTask<(byte[], string)> Answer() => pool.UseAsync(s =>
        {
            var mark = s.ChangeMark();
            if (cache.TryGet(key, mark, out var cached, out var cachedTag)) return (cached, cachedTag);
            var items = s.List(filter, withCitations);
            // The total is only counted when the page does not already say it.
            long total = filter.Offset == 0 && items.Count < filter.Limit ? items.Count : s.CountEntries(filter);
            var page = new ClaimPage(total, filter.Limit, filter.Offset, filter.Sort, items.Select(e => ApiMap.Entry(e, withCitations)).ToList());
            var bytes = JsonSerializer.SerializeToUtf8Bytes(page, json.Value.SerializerOptions.GetTypeInfo(typeof(ClaimPage)));
            var tag = cache.ETag(mark, key);
            cache.Put(key, mark, bytes, tag);
            return (bytes, tag);
        }, cancel);
    }

    /// <summary>GET /api/claims's query parameters in the OpenAPI document, from the library's table of them.</summary>
    internal static void DescribeClaimQuery(OpenApiOperation op)
    {
        op.Parameters ??= [];
        foreach (var p in ClaimQuery.Parameters)
            op.Parameters.Add(new OpenApiParameter
            {
                Name = p.Name, In = ParameterLocation.Query, Description = p.Description,
                Schema = new OpenApiSchema
                {
                    Type = p.Type switch { QueryValueType.Integer => JsonSchemaType.Integer, QueryValueType.Boolean => JsonSchemaType.Boolean, _ => JsonSchemaType.String },
                    Format = p.Type == QueryValueType.Integer ? "int32" : null,
                },
            });
    }

    private static async Task<Results<Ok<EntryDto>, ProblemHttpResult>> GetClaim(long id, LedgerPool pool, CancellationToken cancel)
    {
        var entry = await pool.UseAsync(s => s.Get(id), cancel);
        return entry is null ? NotFound($"no ledger entry {id}") : TypedResults.Ok(ApiMap.Entry(entry, withCitations: true));
    }

    private static async Task<Results<Ok<DocumentDto>, ProblemHttpResult>> GetDocument(long id, LedgerPool pool, CancellationToken cancel)
    {
        var found = await pool.UseAsync(s => s.GetDocument(id), cancel);
        if (found is not { } f) return NotFound($"no document {id}");
        var d = f.Document;
        return TypedResults.Ok(new DocumentDto(f.RowId, d.Id, d.Url, d.Title, d.Language, d.PublishedText, d.Outlet, d.Text,
            f.Claims.Select(c => ApiMap.DocumentClaim(c.Claim, c.EntryId)).ToList()));
    }

    private static async Task<Results<Ok<TimelineDto>, ValidationProblem>> Timeline(string? who, string? category, LedgerPool pool, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ClaimQuery.TryTimeline(who, category, errors, out var country, out var cat)) return TypedResults.ValidationProblem(errors, title: "Invalid query");
        var series = await pool.UseAsync(s => s.Timeline(country, cat), cancel);
        return TypedResults.Ok(new TimelineDto(country, Names.Of(cat), series.Select(ApiMap.Series).ToList()));
    }

    private static async Task<Ok<HealthDto>> Health(LedgerPool pool, CancellationToken cancel)
    {
        var schema = await pool.UseAsync(s => s.SchemaVersion, cancel);
        return TypedResults.Ok(new HealthDto("ok", pool.Dialect.Name, schema));
    }

    /// <param name="format">Overrides the Content-Type: text, json, jsonl, html, rss, atom or auto (sniff).</param>
    /// <param name="name">The document id for a plain-text or HTML body (letters, digits, '.', '_', '-').</param>
    /// <param name="lang">auto (default), or the language of the documents (id, en, ...).</param>
    /// <param name="published">Publication date (YYYY-MM-DD) for documents that give none.</param>
    private static async Task<IResult> PostDocuments(HttpContext http, DocumentIntake intake, WebSettings settings,
        string? format, string? name, string? lang, string? published, CancellationToken cancel)
    {
        if (settings.ApiKey is null)
            return Problem(StatusCodes.Status403Forbidden, "Writes are disabled", "the server has no API key configured (Tally:ApiKey or TALLY_API_KEY)");
        if (!http.Request.Headers.TryGetValue(WebSettings.ApiKeyHeader, out var given) || given.Count != 1 || !settings.KeyMatches(given[0]))
        {
            http.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
            return Problem(StatusCodes.Status401Unauthorized, "Missing or wrong API key", $"send the key in the {WebSettings.ApiKeyHeader} header");
        }
        var ext = DocumentIntake.ExtensionFor(http.Request.ContentType, format);
        if (ext is null)
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                format is not null ? $"unknown format '{format}'" : $"cannot read '{http.Request.ContentType}'; send text/plain, application/json, application/x-ndjson, text/html, application/rss+xml or application/atom+xml");
        var language = LanguageChoice.Auto;
        if (lang is { Length: > 0 } l && !l.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            if (!Tally.Languages.LanguageRegistry.Default.Supports(l))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lang"] = [$"auto, {string.Join(", ", Tally.Languages.LanguageRegistry.Default.Codes)}"] });
            language = new LanguageChoice(l);
        }
        DateTimeOffset? publishedDate = null;
        if (published is { Length: > 0 } p)
        {
            if (!DateTime.TryParseExact(p, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["published"] = ["a date (YYYY-MM-DD)"] });
            publishedDate = new DateTimeOffset(d, TimeSpan.Zero);
            var today = PublishedDate.Today();
            if (PublishedDate.RangeProblem(publishedDate.Value, today) is not null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["published"] = [$"a date from {PublishedDate.RangeText(today)}"] });
        }
        var body = await ReadBody(http.Request, settings.MaxBodyBytes, cancel);
        if (body is null)
            return Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"the limit is {settings.MaxBodyBytes} bytes");
        if (body.Length == 0) return Problem(StatusCodes.Status400BadRequest, "Empty body", "send the documents in the request body");

        var outcome = await intake.IngestAsync(body, ext, name, language, publishedDate, cancel);
        var s = outcome.Summary;
        var result = new IngestResultDto(s.Read, s.Stored, s.Skipped, s.Failed, s.Versions, s.ClaimsAdded, s.EntriesCreated, s.EntriesMerged,
            outcome.Documents, outcome.Errors, outcome.Warnings);
        if (s.Read == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No document could be read",
                detail: outcome.Errors.Count > 0 ? string.Join("; ", outcome.Errors) : "the body held no document",
                extensions: new Dictionary<string, object?> { ["errors"] = outcome.Errors });
        if (s.Stored == 0) return TypedResults.Ok(result);
        var first = outcome.Documents.FirstOrDefault(d => d.New && d.RowId is not null);
        return TypedResults.Created(first is null ? (string?)null : $"/api/documents/{first.RowId}", result);
    }

    /// <summary>The body, or null when it is over <paramref name="limit"/> bytes (declared or actual).</summary>
    private static async Task<byte[]?> ReadBody(HttpRequest request, long limit, CancellationToken cancel)
    {
        if (request.ContentLength is { } declared && declared > limit) return null;
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        try
        {
            while ((n = await request.Body.ReadAsync(buffer, cancel)) > 0)
            {
                if (ms.Length + n > limit) return null;
                ms.Write(buffer, 0, n);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return ms.ToArray();
    }

    private static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(statusCode: status, title: title, detail: detail);
}

/// <summary>Settings the endpoints read.</summary>
public sealed class WebSettings
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string ApiKeyEnvironmentVariable = "TALLY_API_KEY";

    private readonly byte[]? _keyHash;

    public WebSettings(string? apiKey, long maxBodyBytes, int maxPageSize)
    {
        ApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        _keyHash = ApiKey is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey));
        MaxBodyBytes = maxBodyBytes;
        MaxPageSize = maxPageSize;
    }

    public string? ApiKey { get; }
    public long MaxBodyBytes { get; }
    public int MaxPageSize { get; }

    /// <summary>Compares in constant time (over hashes, so the key's length does not show either).</summary>
    public bool KeyMatches(string? given) =>
        _keyHash is not null && given is not null && CryptographicOperations.FixedTimeEquals(_keyHash, SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
