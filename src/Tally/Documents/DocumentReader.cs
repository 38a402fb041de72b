using System.Globalization;

namespace Tally.Documents;

/// <summary>
/// A document that could not be read, or was read with a caveat (<see cref="IsWarning"/>): where, and why (one line).
/// </summary>
public sealed record ReadError(string Origin, string Reason)
{
    /// <summary>True when the document was still read (an encoding a page lied about, a feed item read from its summary).</summary>
    public bool IsWarning { get; init; }

    public override string ToString() => $"{Origin}: {Reason}";
}

public sealed record ReadOptions
{
    /// <summary>Largest document (or file that holds one document) read, in bytes.</summary>
    public long MaxBytes { get; init; } = 20 * 1024 * 1024;
    /// <summary>Publication date to use when the input gives none.</summary>
    public DateTimeOffset? Published { get; init; }
    /// <summary>Fetch the page each feed item links to (else the item's own content or description is the text).</summary>
    public bool FetchLinks { get; init; }
    /// <summary>Limits for URLs given as inputs and for pages fetched for feed items.</summary>
    public FetchOptions Fetch { get; init; } = new();
    /// <summary>The fetcher to use (one is made from <see cref="Fetch"/> on first need when null).</summary>
    public Fetcher? Fetcher { get; init; }
    /// <summary>The clock that says what today is, for the range of plausible publication dates (<see cref="PublishedDate.RangeProblem"/>).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>
/// Reads plain text, HTML pages, RSS and Atom feeds, news-please article JSON (an object or an array of them), JSON
/// Lines of articles, folders (recursively, in name order), http(s) URLs and standard input ("-"). What a file is comes
/// from its extension and, where that says nothing or is contradicted, from its content (a doctype or &lt;html&gt;, an
/// &lt;rss&gt; or &lt;feed&gt; root, a JSON object). A bad file, line, feed item or URL is reported through the error
/// callback and skipped; reading goes on.
/// This class is the dispatcher: it finds and reads inputs, decides what each is, and hands it to the reader of that
/// form (<see cref="HtmlReader"/>, <see cref="FeedReader"/>, <see cref="NewsPleaseReader"/>; plain text it keeps).
/// Every document it gives passes one check of its publication date, whatever the form: a date outside
/// <see cref="PublishedDate.RangeProblem"/>'s range ("0001-01-01", "9999-12-31") is dropped with a warning naming the
/// input, and the document is read as undated (or dated by <see cref="ReadOptions.Published"/>).
/// </summary>
public sealed class DocumentReader(ReadOptions options)
{
    private static readonly string[] TextExtensions = [".txt", ".text", ".md"];

    private Fetcher? _fetcher = options.Fetcher;
    private readonly NewsPleaseReader _newsPlease = new(options);
    private readonly Lock _fetcherLock = new();

    public ReadOptions Options { get; } = options;

    /// <summary>The fetcher for URLs and feed links (made on first use).</summary>
    public Fetcher Fetcher
    {
        get
        {
            if (_fetcher is { } f) return f;
            lock (_fetcherLock) return _fetcher ??= new Fetcher(Options.Fetch);
        }
    }

    public IEnumerable<SourceDocument> Read(IEnumerable<string> paths, Action<ReadError> onError)
    {
        var list = paths as IList<string> ?? paths.ToList();
        // URLs among the inputs are fetched ahead, a few at a time (the fetcher bounds requests in flight).
        var ahead = new Dictionary<int, Task<FetchResult>>();
        int window = Math.Max(1, Options.Fetch.Concurrency) * 2;
        for (int i = 0; i < list.Count; i++)
        {
            for (int j = i; j < list.Count && j < i + window; j++)
                if (!ahead.ContainsKey(j) && Fetcher.IsWebUrl(list[j])) ahead[j] = StartFetch(list[j]);
            IEnumerable<SourceDocument> docs = ahead.Remove(i, out var pending) ? FromUrl(list[i], pending, onError) : ReadOne(list[i], onError);
            foreach (var d in docs) yield return Dated(d, onError);
        }
    }

    public IEnumerable<SourceDocument> Read(string path, Action<ReadError> onError)
    {
        foreach (var d in ReadOne(path, onError)) yield return Dated(d, onError);
    }

    /// <summary>The document, or when its publication date is out of range, the document without it (and a warning).</summary>
    private SourceDocument Dated(SourceDocument d, Action<ReadError> onError)
    {
        if (d.Published is not { } p) return d;
        var today = PublishedDate.Today(Options.Clock);
        if (PublishedDate.RangeProblem(p, today) is not { } why) return d;
        var fallback = Options.Published is { } given && PublishedDate.RangeProblem(given, today) is null && given != p ? given : (DateTimeOffset?)null;
        var shown = p.DateTime.ToString(p.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        onError(new ReadError(d.Origin, $"publication date {shown} {why}; ignored" + (fallback is { } f ? $", dated {f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} as given for undated documents" : ", read as undated")) { IsWarning = true });
        return d with { Published = fallback, PublishedHasTime = false, PublishedHasOffset = false };
    }

    private Task<FetchResult> StartFetch(string url) => Task.Run(() => Fetcher.FetchAsync(url, CancellationToken.None));

    private IEnumerable<SourceDocument> ReadOne(string path, Action<ReadError> onError)
    {
        if (Fetcher.IsWebUrl(path))
        {
            foreach (var d in FromUrl(path, StartFetch(path), onError)) yield return d;
            yield break;
        }
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
            List<string> files;
            try
            {
                // By real path: a symbolic link back up the tree is not a way round again (each real file is read once).
                files = FolderWalker.Files(path, (where, why) => onError(new ReadError(where, why)));
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
        if (Uri.TryCreate(path, UriKind.Absolute, out var other) && other.Scheme is not ("file" or "http" or "https") && path.Contains("://"))
        {
            onError(new ReadError(path, $"{other.Scheme}: URLs are not read (only http and https)"));
            yield break;
        }
        if (!File.Exists(path))
        {
            onError(new ReadError(path, "no such file or folder"));
            yield break;
        }
        foreach (var d in ReadFile(path, onError)) yield return d;
    }

    private IEnumerable<SourceDocument> FromUrl(string url, Task<FetchResult> fetch, Action<ReadError> onError)
    {
        FetchResult result;
        try { result = fetch.GetAwaiter().GetResult(); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            onError(new ReadError(url, "cannot fetch: " + (e is FetchException ? e.Message : $"{e.GetType().Name}: {OneLine(e.Message)}")));
            yield break;
        }
        var stem = UrlStem(result.Url);
        var ext = Path.GetExtension(result.Url.AbsolutePath).ToLowerInvariant();
        foreach (var d in FromBytes(result.Body, url, stem, onError, ext, result.Url.ToString(), result.Charset, result.MediaType)) yield return d;
    }

    private static string UrlStem(Uri url)
    {
        var last = url.Segments.Select(s => s.Trim('/')).LastOrDefault(s => s.Length > 0);
        var stem = last is null ? url.Host : Path.GetFileNameWithoutExtension(Uri.UnescapeDataString(last));
        return stem.Length == 0 ? url.Host : stem;
    }

    private IEnumerable<SourceDocument> ReadFile(string path, Action<ReadError> onError)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var stem = Path.GetFileNameWithoutExtension(path);
        if (NewsPleaseReader.HasJsonLinesExtension(ext))
        {
            foreach (var d in _newsPlease.ReadJsonLines(path, stem, onError)) yield return d;
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

    private enum Kind { Text, Json, Html, Feed }

    private IEnumerable<SourceDocument> FromBytes(byte[] bytes, string origin, string stem, Action<ReadError> onError, string ext = "",
        string? url = null, string? httpCharset = null, string? mediaType = null)
    {
        if (bytes.Length == 0) { onError(new ReadError(origin, "empty file")); yield break; }
        if (bytes.Length > Options.MaxBytes) { onError(new ReadError(origin, $"input is {Size(bytes.Length)}, over the {Size(Options.MaxBytes)} limit (--max-bytes)")); yield break; }
        var declared = httpCharset ?? (StartsWithMarkup(bytes) ? HtmlReader.DeclaredCharset(bytes) ?? FeedReader.DeclaredCharset(bytes) : null);
        if (!EncodingDetector.TryDecode(bytes, declared, out var decoded, out var why)) { onError(new ReadError(origin, why)); yield break; }
        var text = decoded!.Text;
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (string.IsNullOrWhiteSpace(text)) { onError(new ReadError(origin, "no text in file")); yield break; }
        if (decoded.Warning is { } warning) onError(new ReadError(origin, warning) { IsWarning = true });

        var kind = KindOf(text, ext, mediaType);
        if (kind is null) { onError(new ReadError(origin, "XML, but not an RSS or Atom feed")); yield break; }
        switch (kind)
        {
            case Kind.Html:
                if (FromHtml(text, origin, stem, url, onError) is { } page) yield return page;
                yield break;
            case Kind.Feed:
                foreach (var d in FromFeed(text, origin, stem, onError)) yield return d;
                yield break;
            case Kind.Json:
                foreach (var d in _newsPlease.FromJson(text, origin, stem, onError)) yield return d;
                yield break;
        }
        yield return new SourceDocument
        {
            Id = stem, Body = text, Origin = origin, Published = Options.Published, Url = url,
        };
    }

    private static bool StartsWithMarkup(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes[..Math.Min(bytes.Length, 512)])
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0xEF or 0xBB or 0xBF) continue;
            return b == (byte)'<';
        }
        return false;
    }

    /// <summary>What the text is: the extension decides unless the content plainly says otherwise; null for XML that is not a feed.</summary>
    private static Kind? KindOf(string text, string ext, string? mediaType)
    {
        var trimmed = text.AsSpan().TrimStart();
        bool jsonStart = trimmed.Length > 0 && trimmed[0] is '{' or '[';
        if (ext == ".json") return Kind.Json;
        if (FeedReader.LooksLikeFeed(text)) return Kind.Feed;
        if (HtmlReader.HasHtmlExtension(ext)) return Kind.Html;
        if (FeedReader.HasFeedExtension(ext)) return HtmlReader.LooksLikeHtml(text) ? Kind.Html : null;
        if (TextExtensions.Contains(ext)) return HtmlReader.LooksLikeHtml(text, strongOnly: true) ? Kind.Html : Kind.Text;
        if (mediaType is "text/html" or "application/xhtml+xml") return Kind.Html;
        if (mediaType is "application/rss+xml" or "application/atom+xml") return Kind.Feed;
        if (jsonStart) return Kind.Json;
        if (HtmlReader.LooksLikeHtml(text)) return Kind.Html;
        return Kind.Text;
    }

    private SourceDocument? FromHtml(string html, string origin, string stem, string? url, Action<ReadError> onError)
    {
        HtmlPage page;
        try { page = HtmlReader.Read(html, url); }
        catch (HtmlReadException e)
        {
            onError(new ReadError(origin, e.Message));
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            onError(new ReadError(origin, $"cannot read HTML: {e.GetType().Name}: {OneLine(e.Message)}"));
            return null;
        }
        var body = DropRepeatedTitle(page.Text, page.Title);
        return new SourceDocument
        {
            Id = stem, Url = page.Url ?? url, Title = page.Title, Body = body,
            Published = page.Published?.Value ?? Options.Published,
            PublishedHasTime = page.Published?.HasTime ?? false, PublishedHasOffset = page.Published?.HasOffset ?? false,
            DeclaredLanguage = page.Language, Outlet = page.Outlet, Origin = origin,
        };
    }

    /// <summary>An article body that opens with its own headline loses that line (the title is kept apart).</summary>
    private static string DropRepeatedTitle(string body, string? title)
    {
        if (title is null) return body;
        var firstBreak = body.IndexOf('\n');
        var first = (firstBreak < 0 ? body : body[..firstBreak]).Trim();
        return first.Equals(title.Trim(), StringComparison.OrdinalIgnoreCase) ? (firstBreak < 0 ? "" : body[(firstBreak + 1)..].TrimStart('\n')) : body;
    }

    private List<SourceDocument> FromFeed(string xml, string origin, string stem, Action<ReadError> onError)
    {
        var docs = new List<SourceDocument>();
        FeedContent feed;
        try { feed = FeedReader.Read(xml, (i, why) => onError(new ReadError($"{origin}[{i}]", why))); }
        catch (FeedReadException e)
        {
            onError(new ReadError(origin, e.Message));
            return docs;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            onError(new ReadError(origin, $"cannot read feed: {e.GetType().Name}: {OneLine(e.Message)}"));
            return docs;
        }
        if (feed.Items.Count == 0) { onError(new ReadError(origin, "feed has no items")); return docs; }
        // Linked pages are fetched only when asked for, all started at once; the fetcher keeps the number in flight down.
        var pages = Options.FetchLinks
            ? feed.Items.Where(it => it.Link is { } l && Fetcher.IsWebUrl(l)).ToDictionary(it => it.Index, it => StartFetch(it.Link!))
            : [];
        foreach (var item in feed.Items)
        {
            var where = $"{origin}[{item.Index}]";
            try
            {
                if (FromFeedItem(feed, item, where, stem, pages, onError) is { } d) docs.Add(d);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                onError(new ReadError(where, $"cannot read item: {e.GetType().Name}: {OneLine(e.Message)}"));
            }
        }
        return docs;
    }

    private SourceDocument? FromFeedItem(FeedContent feed, FeedEntry item, string where, string stem, Dictionary<int, Task<FetchResult>> pages, Action<ReadError> onError)
    {
        var body = HtmlText.FromFragment(item.Html ?? "");
        string? title = item.Title, url = item.Link, language = feed.Language;
        var published = item.Published;
        string? outlet = feed.Title ?? (Uri.TryCreate(item.Link, UriKind.Absolute, out var link) ? link.Host : null);
        if (Options.FetchLinks && item.Link is not null && !pages.ContainsKey(item.Index) && (body.Length > 0 || title is not null))
            onError(new ReadError(where, $"link '{item.Link}' is not an http(s) URL; not fetched, using the feed's text") { IsWarning = true });
        if (pages.TryGetValue(item.Index, out var pending))
        {
            string? failure = null;
            try
            {
                var fetched = pending.GetAwaiter().GetResult();
                if (!EncodingDetector.TryDecode(fetched.Body, fetched.Charset ?? HtmlReader.DeclaredCharset(fetched.Body), out var decoded, out var why))
                    failure = why;
                else
                {
                    var page = HtmlReader.Read(decoded!.Text, fetched.Url.ToString());
                    body = DropRepeatedTitle(page.Text, page.Title ?? title);
                    title ??= page.Title;
                    url = page.Url ?? fetched.Url.ToString();
                    published ??= page.Published;
                    language ??= page.Language;
                    outlet = page.Outlet ?? outlet;
                }
            }
            catch (FetchException e) { failure = "cannot fetch " + item.Link + ": " + e.Message; }
            catch (HtmlReadException e) { failure = item.Link + ": " + e.Message; }
            catch (Exception e) when (e is not OutOfMemoryException) { failure = $"cannot fetch {item.Link}: {e.GetType().Name}: {OneLine(e.Message)}"; }
            if (failure is not null)
            {
                if (body.Length == 0 && title is null) { onError(new ReadError(where, failure)); return null; }
                onError(new ReadError(where, failure + "; using the feed's text") { IsWarning = true });
            }
        }
        if (body.Length == 0 && title is null)
        {
            onError(new ReadError(where, "item has no title, description or content"));
            return null;
        }
        return new SourceDocument
        {
            Id = $"{stem}-{item.Index}", Url = url, Title = title, Body = body,
            Published = published?.Value ?? Options.Published,
            PublishedHasTime = published?.HasTime ?? false, PublishedHasOffset = published?.HasOffset ?? false,
            DeclaredLanguage = language, Outlet = outlet, Origin = where,
        };
    }

    /// <summary>"2025-04-30 00:00:00", "2025-04-30", "2025-04-30T10:00:00+07:00", RFC 822 (see <see cref="PublishedDate.Parse"/>).</summary>
    public static (DateTimeOffset? Value, bool HasTime, bool HasOffset) ParseDate(string? s)
    {
        if (PublishedDate.Parse(s) is { } p) return (p.Value, p.HasTime, p.HasOffset);
        if (string.IsNullOrWhiteSpace(s)) return (null, false, false);
        s = s.Trim();
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
    internal static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
