using System.Text;
using System.Text.Json;

namespace Tally.Documents;

/// <summary>
/// Reads news-please output (https://github.com/fhamborg/news-please) and JSON like it: one article object, an array of
/// them, or JSON Lines. An article is maintext (or text, body, content), title, date_publish (or published, date),
/// language, url, id, source_domain (or outlet). <see cref="DocumentReader"/> decides that an input is JSON and hands it here.
/// </summary>
internal sealed class NewsPleaseReader(ReadOptions options)
{
    private static readonly string[] JsonLinesExtensions = [".jsonl", ".ndjson", ".jsonlines"];

    private ReadOptions Options { get; } = options;

    /// <summary>Is the extension (lower case, with its dot) one of JSON Lines?</summary>
    public static bool HasJsonLinesExtension(string ext) => JsonLinesExtensions.Contains(ext);

    /// <summary>A .json file's text: one article, an array of articles, or JSON Lines in a file without the .jsonl extension.</summary>
    public IEnumerable<SourceDocument> FromJson(string text, string origin, string stem, Action<ReadError> onError)
    {
        // One JSON value, or JSON Lines in a file without the .jsonl extension.
        var docs = new List<SourceDocument>();
        string? parseError = null;
        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (json.RootElement.ValueKind == JsonValueKind.Array)
            {
                int n = 0;
                foreach (var item in json.RootElement.EnumerateArray())
                {
                    n++;
                    if (TryArticle(item, $"{origin}[{n}]", $"{stem}-{n}", onError) is { } d) docs.Add(d);
                }
            }
            else if (TryArticle(json.RootElement, origin, stem, onError) is { } d) docs.Add(d);
        }
        catch (JsonException e)
        {
            parseError = e.Message;
        }
        if (parseError is not null)
        {
            if (text.Contains('\n') && LooksLikeJsonLines(text))
            {
                foreach (var d in JsonLines(text.Split('\n'), origin, stem, onError)) yield return d;
                yield break;
            }
            onError(new ReadError(origin, "not valid JSON: " + DocumentReader.OneLine(parseError)));
            yield break;
        }
        foreach (var d in docs) yield return d;
    }

    private static bool LooksLikeJsonLines(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var t = line.Trim();
            if (t.Length == 0) continue;
            return t[0] == '{';
        }
        return false;
    }

    /// <summary>
    /// A JSON Lines file (one article a line), read line by line; a bad line costs only itself. The size limit
    /// (<see cref="ReadOptions.MaxBytes"/>) applies to each line while it is read: a longer line is skipped to its end
    /// and reported with its number, so memory stays bounded by the limit whatever the file holds.
    /// </summary>
    public IEnumerable<SourceDocument> ReadJsonLines(string path, string stem, Action<ReadError> onError)
    {
        BoundedLineReader lines;
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            lines = new BoundedLineReader(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024), Options.MaxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            onError(new ReadError(path, "cannot read: " + e.Message));
            yield break;
        }
        using (lines)
        {
            while (true)
            {
                string? line;
                try
                {
                    if (!lines.Next(out line)) break;
                }
                catch (Exception e) when (e is IOException)
                {
                    onError(new ReadError(path, "cannot read: " + e.Message));
                    yield break;
                }
                if (line is null)
                {
                    onError(new ReadError($"{path}:{lines.LineNumber}", $"line is over the {DocumentReader.Size(Options.MaxBytes)} limit (--max-bytes); skipped"));
                    continue;
                }
                foreach (var d in JsonLine(line, lines.LineNumber, path, stem, onError)) yield return d;
            }
        }
    }

    private IEnumerable<SourceDocument> JsonLines(string[] lines, string origin, string stem, Action<ReadError> onError)
    {
        for (int n = 0; n < lines.Length; n++)
            foreach (var d in JsonLine(lines[n], n + 1, origin, stem, onError)) yield return d;
    }

    private IEnumerable<SourceDocument> JsonLine(string line, int n, string origin, string stem, Action<ReadError> onError)
    {
        if (string.IsNullOrWhiteSpace(line)) yield break;
        var where = $"{origin}:{n}";
        if (Encoding.UTF8.GetMaxByteCount(line.Length) > Options.MaxBytes && Encoding.UTF8.GetByteCount(line) > Options.MaxBytes)
        {
            onError(new ReadError(where, $"line is over the {DocumentReader.Size(Options.MaxBytes)} limit (--max-bytes)"));
            yield break;
        }
        SourceDocument? doc = null;
        try
        {
            using var json = JsonDocument.Parse(line);
            doc = TryArticle(json.RootElement, where, $"{stem}-{n}", onError);
        }
        catch (JsonException e)
        {
            onError(new ReadError(where, "not valid JSON: " + DocumentReader.OneLine(e.Message)));
        }
        if (doc is not null) yield return doc;
    }

    /// <summary>A news-please article: maintext (or text), title, date_publish, language, url, id, source_domain.</summary>
    private SourceDocument? TryArticle(JsonElement e, string origin, string fallbackId, Action<ReadError> onError)
    {
        if (e.ValueKind != JsonValueKind.Object) { onError(new ReadError(origin, "expected a JSON object with 'maintext'")); return null; }
        var body = Str(e, "maintext") ?? Str(e, "text") ?? Str(e, "body") ?? Str(e, "content");
        var title = Str(e, "title");
        if (string.IsNullOrWhiteSpace(body) && string.IsNullOrWhiteSpace(title))
        {
            onError(new ReadError(origin, "article has no 'maintext' (or 'text') and no 'title'"));
            return null;
        }
        var dateText = Str(e, "date_publish") ?? Str(e, "published") ?? Str(e, "date");
        var (published, hasTime, hasOffset) = DocumentReader.ParseDate(dateText);
        return new SourceDocument
        {
            Id = Str(e, "id") ?? (TryProperty(e, "id", out var idn) && idn.ValueKind == JsonValueKind.Number ? idn.GetRawText() : fallbackId),
            Url = Str(e, "url"),
            Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim(),
            Body = body ?? "",
            Published = published ?? Options.Published,
            PublishedHasTime = published is not null && hasTime,
            PublishedHasOffset = published is not null && hasOffset,
            DeclaredLanguage = Str(e, "language"),
            Outlet = Str(e, "source_domain") ?? Str(e, "outlet"),
            Origin = origin,
        };
    }

    private static string? Str(JsonElement e, string name) =>
        TryProperty(e, name, out var v) && v.ValueKind == JsonValueKind.String && TryString(v) is { } s ? s : null;

    /// <summary>
    /// A property by name. A key escaping a lone surrogate ("\ud83d") cannot be decoded and makes the lookup throw: then
    /// the keys are read one by one and the undecodable ones passed over.
    /// </summary>
    private static bool TryProperty(JsonElement e, string name, out JsonElement value)
    {
        try { return e.TryGetProperty(name, out value); }
        catch (InvalidOperationException)
        {
            foreach (var p in e.EnumerateObject())
            {
                try { if (p.Name == name) { value = p.Value; return true; } }
                catch (InvalidOperationException) { }
            }
            value = default;
            return false;
        }
    }

    /// <summary>A string value, or null when it escapes a lone surrogate.</summary>
    private static string? TryString(JsonElement v)
    {
        try { return v.GetString(); }
        catch (InvalidOperationException) { return null; }
    }
}
