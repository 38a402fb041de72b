using System.Text.RegularExpressions;
using Tally.Documents;
using Tally.Extraction;
using Tally.Ledger;

namespace Tally.Web.Api;

/// <summary>
/// POST /api/documents: a request body in any input format Tally reads goes through the same <see cref="Pipeline"/> and
/// <see cref="LedgerStore.Ingest"/> as <c>tally ingest</c>. The body is written to a private temporary file whose
/// extension comes from the Content-Type (or none, and the reader sniffs the content), so the reader takes exactly
/// the path a file on disk takes. Nothing is fetched: no URL in a document, feed or page is followed. Ingests run one at
/// a time.
/// </summary>
internal sealed partial class DocumentIntake(LedgerPool pool, long maxBytes)
{
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly Lazy<Pipeline> _default = new(() => new Pipeline(Options(LanguageChoice.Auto, null, maxBytes)));

    private static PipelineOptions Options(LanguageChoice language, DateTimeOffset? published, long maxBytes) => new()
    {
        Language = language,
        // FetchLinks stays off and the only input is a local file: the server never follows a document's URL.
        Read = new ReadOptions { MaxBytes = maxBytes, FetchLinks = false, Published = published },
    };

    /// <summary>The file extension that tells the reader what a body of this media type is ("" = let it sniff).</summary>
    public static string? ExtensionFor(string? contentType, string? format)
    {
        if (format is { Length: > 0 } f)
            return f.ToLowerInvariant() switch
            {
                "text" or "txt" => ".txt", "json" => ".json", "jsonl" or "ndjson" => ".jsonl", "html" => ".html",
                "rss" or "feed" => ".rss", "atom" => ".atom", "auto" => "", _ => null,
            };
        var media = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return media switch
        {
            "text/plain" => ".txt",
            "application/json" => ".json",
            "application/x-ndjson" or "application/ndjson" or "application/jsonl" or "application/x-jsonlines" or "application/jsonlines" => ".jsonl",
            "text/html" or "application/xhtml+xml" => ".html",
            "application/rss+xml" or "application/rdf+xml" => ".rss",
            "application/atom+xml" => ".atom",
            "" or "application/octet-stream" or "application/xml" or "text/xml" => "",
            _ => null,
        };
    }

    public sealed record Outcome(IngestSummary Summary, List<StoredDocumentDto> Documents, List<string> Errors, List<string> Warnings);

    public async Task<Outcome> IngestAsync(byte[] body, string extension, string? name, LanguageChoice language, DateTimeOffset? published, CancellationToken cancel)
    {
        var dir = Path.Combine(Path.GetTempPath(), "tally-web-" + Guid.NewGuid().ToString("N"));
        var stem = name is { Length: > 0 } n && SafeName().IsMatch(n) ? n : "upload-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Guid.NewGuid().ToString("N")[..6];
        var path = Path.Combine(dir, stem + extension);
        var errors = new List<string>();
        var warnings = new List<string>();
        List<ExtractionResult> results;
        try
        {
            // Reading and extraction run in parallel for concurrent requests; only the ledger's writes take turns.
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
            else Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await File.WriteAllBytesAsync(path, body, cancel);
            var pipeline = language.IsAuto && published is null ? _default.Value : new Pipeline(Options(language, published, maxBytes));
            void OnError(ReadError e)
            {
                var line = e.ToString().Replace(path, "body", StringComparison.Ordinal).Replace(dir, "", StringComparison.Ordinal);
                (e.IsWarning ? warnings : errors).Add(line);
            }
            results = pipeline.Run([path], OnError).ToList();
        }
        finally
        {
            try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
        await _write.WaitAsync(cancel);
        try
        {
            return await pool.UseAsync(store =>
            {
                // The ingest tells where each document is; nothing is looked up again.
                var stored = new List<IngestedDocument>(results.Count);
                var summary = store.Ingest(results, stored);
                summary.Failed = errors.Count;
                var docs = new List<StoredDocumentDto>(results.Count);
                for (int i = 0; i < results.Count; i++)
                {
                    var d = results[i].Document;
                    docs.Add(new StoredDocumentDto(stored[i].RowId, d.Id, d.Url, d.Title, d.Language, stored[i].New, results[i].Claims.Count, stored[i].EntryIds));
                }
                return new Outcome(summary, docs, errors, warnings);
            }, cancel);
        }
        finally
        {
            _write.Release();
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex SafeName();
}
