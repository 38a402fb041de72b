using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Tally.Documents;

/// <summary>A document that could not be read: where, and why (one line).</summary>
public sealed record ReadError(string Origin, string Reason)
{
    public override string ToString() => $"{Origin}: {Reason}";
}

public sealed record ReadOptions
{
    /// <summary>Largest document (or file that holds one document) read, in bytes.</summary>
    public long MaxBytes { get; init; } = 20 * 1024 * 1024;
    /// <summary>Publication date to use when the input gives none.</summary>
    public DateTimeOffset? Published { get; init; }
}

/// <summary>
/// Reads plain text, news-please article JSON (an object or an array of them), JSON Lines of articles,
/// folders (recursively, in name order) and standard input ("-"). A bad file or line is reported through
/// the error callback and skipped; reading goes on.
/// </summary>
public sealed class DocumentReader(ReadOptions options)
{
    private static readonly string[] TextExtensions = [".txt", ".text", ".md"];
    private static readonly string[] JsonLinesExtensions = [".jsonl", ".ndjson", ".jsonlines"];

    public ReadOptions Options { get; } = options;

    public IEnumerable<SourceDocument> Read(IEnumerable<string> paths, Action<ReadError> onError)
    {
        foreach (var path in paths)
            foreach (var d in Read(path, onError)) yield return d;
    }

    public IEnumerable<SourceDocument> Read(string path, Action<ReadError> onError)
    {
        if (path == "-")
        {
            byte[] bytes;
            try
            {
                using var stdin = Console.OpenStandardInput();
                bytes = ReadLimited(stdin, "-");
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                onError(new ReadError("-", e.Message));
                yield break;
            }
            foreach (var d in FromBytes(bytes, "-", "stdin", onError)) yield return d;
            yield break;
        }
        if (Directory.Exists(path))
        {
            IEnumerable<string> files;
            try
            {
                files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System })
                    .Order(StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                onError(new ReadError(path, "cannot list folder: " + e.Message));
                yield break;
            }
            foreach (var f in files)
                foreach (var d in ReadFile(f, onError)) yield return d;
            yield break;
        }
        if (!File.Exists(path))
        {
            onError(new ReadError(path, "no such file or folder"));
            yield break;
        }
        foreach (var d in ReadFile(path, onError)) yield return d;
    }

    private IEnumerable<SourceDocument> ReadFile(string path, Action<ReadError> onError)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var stem = Path.GetFileNameWithoutExtension(path);
        if (JsonLinesExtensions.Contains(ext))
        {
            foreach (var d in ReadJsonLines(path, stem, onError)) yield return d;
            yield break;
        }
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > Options.MaxBytes)
            {
                onError(new ReadError(path, $"file is {Size(info.Length)}, over the {Size(Options.MaxBytes)} limit (--max-bytes)"));
                yield break;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            onError(new ReadError(path, "cannot read: " + e.Message));
            yield break;
        }
        foreach (var d in FromBytes(bytes, path, stem, onError, ext)) yield return d;
    }

    private IEnumerable<SourceDocument> FromBytes(byte[] bytes, string origin, string stem, Action<ReadError> onError, string ext = "")
    {
        if (bytes.Length == 0) { onError(new ReadError(origin, "empty file")); yield break; }
        if (!TextDecoding.TryDecode(bytes, out var text, out var why)) { onError(new ReadError(origin, why)); yield break; }
        if (string.IsNullOrWhiteSpace(text)) { onError(new ReadError(origin, "no text in file")); yield break; }
        var trimmed = text.AsSpan().TrimStart();
        bool looksJson = ext == ".json" || (!TextExtensions.Contains(ext) && trimmed.Length > 0 && trimmed[0] is '{' or '[');
        if (looksJson)
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
                onError(new ReadError(origin, "not valid JSON: " + OneLine(parseError)));
                yield break;
            }
            foreach (var d in docs) yield return d;
            yield break;
        }
        yield return new SourceDocument
        {
            Id = stem, Body = text, Origin = origin, Published = Options.Published,
        };
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

    private IEnumerable<SourceDocument> ReadJsonLines(string path, string stem, Action<ReadError> onError)
    {
        IEnumerable<string> lines;
        try
        {
            lines = File.ReadLines(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            onError(new ReadError(path, "cannot read: " + e.Message));
            yield break;
        }
        IEnumerator<string>? it = null;
        try
        {
            try { it = lines.GetEnumerator(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { onError(new ReadError(path, "cannot read: " + e.Message)); yield break; }
            int n = 0;
            while (true)
            {
                string line;
                try
                {
                    if (!it.MoveNext()) break;
                    line = it.Current;
                }
                catch (Exception e) when (e is IOException)
                {
                    onError(new ReadError(path, "cannot read: " + e.Message));
                    yield break;
                }
                n++;
                foreach (var d in JsonLine(line, n, path, stem, onError)) yield return d;
            }
        }
        finally { it?.Dispose(); }
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
            onError(new ReadError(where, $"line is over the {Size(Options.MaxBytes)} limit (--max-bytes)"));
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
            onError(new ReadError(where, "not valid JSON: " + OneLine(e.Message)));
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
        var (published, hasTime, hasOffset) = ParseDate(dateText);
        return new SourceDocument
        {
            Id = Str(e, "id") ?? (e.TryGetProperty("id", out var idn) && idn.ValueKind == JsonValueKind.Number ? idn.GetRawText() : fallbackId),
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
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>"2025-04-30 00:00:00", "2025-04-30", "2025-04-30T10:00:00+07:00".</summary>
    public static (DateTimeOffset? Value, bool HasTime, bool HasOffset) ParseDate(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return (null, false, false);
        s = s.Trim();
        bool hasOffset = s.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(s, @"[+-]\d\d:?\d\d$");
        if (hasOffset && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
            return (dto, true, true);
        if (DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dt))
        {
            bool hasTime = s.Length > 10;
            return (new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Unspecified), TimeSpan.Zero), hasTime, false);
        }
        return (null, false, false);
    }

    private byte[] ReadLimited(Stream s, string origin)
    {
        using var ms = new MemoryStream();
        var buf = new byte[81920];
        int n;
        while ((n = s.Read(buf, 0, buf.Length)) > 0)
        {
            ms.Write(buf, 0, n);
            if (ms.Length > Options.MaxBytes) throw new InvalidDataException($"input is over the {Size(Options.MaxBytes)} limit (--max-bytes)");
        }
        return ms.ToArray();
    }

    internal static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} bytes";
    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
