using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Tally.Documents;

/// <summary>What Tally takes from an HTML page.</summary>
public sealed record HtmlPage
{
    /// <summary>The article's text (paragraphs separated by blank lines), before clutter removal.</summary>
    public required string Text { get; init; }
    public string? Title { get; init; }
    /// <summary>The site's name (og:site_name, JSON-LD publisher), else the host name.</summary>
    public string? Outlet { get; init; }
    /// <summary>The canonical URL (link rel=canonical, og:url), else the URL the page was read from.</summary>
    public string? Url { get; init; }
    public PublishedDate? Published { get; init; }
    /// <summary>Where the date came from: meta, json-ld, time, url, reader.</summary>
    public string? PublishedFrom { get; init; }
    /// <summary>The language the page declares (html lang, content-language, og:locale, JSON-LD inLanguage).</summary>
    public string? Language { get; init; }
    /// <summary>False when no article was found and the page's text outside navigation, headers and footers was taken.</summary>
    public bool ArticleFound { get; init; }
}

/// <summary>An HTML page that cannot be read, with the reason.</summary>
public sealed class HtmlReadException(string message) : Exception(message);

/// <summary>
/// Reads news pages: the article's main text with SmartReader (Mozilla Readability), the title, the outlet, the
/// canonical URL, the declared language, and the publication date from (in this order) meta tags
/// (article:published_time and kin), JSON-LD datePublished, &lt;time datetime&gt;, the URL path (/2024/12/19/) and the
/// reader's guess. The date keeps the page's UTC offset: a UTC time is shown in the offset the page states elsewhere.
/// </summary>
public static class HtmlReader
{
    /// <summary>Deeper nesting than this (estimated from the tags) is refused before parsing: parsers slow down badly.</summary>
    public const int MaxNesting = 2000;

    private static readonly string[] HtmlExtensions = [".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp"];
    private static readonly Regex MetaCharset = new(@"<meta[^>]+charset\s*=\s*[""']?\s*(?<cs>[A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Tag = new(@"<(?<close>/)?(?<name>[A-Za-z][A-Za-z0-9]*)(?<rest>[^<>]*?)(?<self>/)?>", RegexOptions.CultureInvariant);
    private static readonly HashSet<string> NestingTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "span", "section", "article", "main", "aside", "header", "footer", "nav", "blockquote", "table", "ul", "ol",
        "font", "b", "i", "u", "em", "strong", "small", "big", "center", "a", "form", "fieldset", "figure",
    };

    public static bool HasHtmlExtension(string ext) => HtmlExtensions.Contains(ext, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True when the text is an HTML document: it starts (after white space and comments) with a doctype or &lt;html&gt;,
    /// or, for a file whose extension says nothing, has &lt;head&gt; or &lt;body&gt; near the start.
    /// </summary>
    public static bool LooksLikeHtml(string text, bool strongOnly = false)
    {
        var head = text.AsSpan(0, Math.Min(text.Length, 2048)).TrimStart();
        while (head.StartsWith("<!--"))
        {
            var end = head.IndexOf("-->");
            if (end < 0) return false;
            head = head[(end + 3)..].TrimStart();
        }
        if (head.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
        {
            var end = head.IndexOf("?>");
            if (end < 0) return false;
            head = head[(end + 2)..].TrimStart();
        }
        if (head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)) return true;
        if (strongOnly) return false;
        return head.StartsWith("<") && (head.Contains("<head", StringComparison.OrdinalIgnoreCase) || head.Contains("<body", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The charset a page declares in its first 1024 bytes (meta charset or http-equiv), if any.</summary>
    public static string? DeclaredCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 1024)]);
        var m = MetaCharset.Match(head);
        return m.Success ? m.Groups["cs"].Value : null;
    }

    /// <summary>How deep the tags nest, counting the container and formatting elements that are never closed implicitly.</summary>
    public static int EstimateNesting(string html)
    {
        int depth = 0, max = 0;
        foreach (Match m in Tag.Matches(html))
        {
            if (!NestingTags.Contains(m.Groups["name"].Value) || m.Groups["self"].Success) continue;
            if (m.Groups["close"].Success) { if (depth > 0) depth--; }
            else if (++depth > max) max = depth;
        }
        return max;
    }

    /// <summary>Pages with an element of more children than this (text nodes included) are read without article detection.</summary>
    public const int MaxChildren = 5000;

    /// <summary>The largest number of child nodes of any node of the page (one walk, children by index).</summary>
    internal static int MostChildren(INode root)
    {
        int most = 0;
        var stack = new Stack<INode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var children = stack.Pop().ChildNodes;
            most = Math.Max(most, children.Length);
            for (int i = 0; i < children.Length; i++)
                if (children[i] is IElement) stack.Push(children[i]);
        }
        return most;
    }

    /// <summary>Reads a page; <paramref name="url"/> is where it came from (a file has none unless the page names its own).</summary>
    public static HtmlPage Read(string html, string? url = null)
    {
        var nesting = EstimateNesting(html);
        if (nesting > MaxNesting) throw new HtmlReadException($"HTML nested about {nesting} levels deep (more than {MaxNesting}); not read");
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        IHtmlDocument doc;
        try { doc = parser.ParseDocument(html); }
        catch (Exception e) when (e is not OutOfMemoryException) { throw new HtmlReadException("cannot parse HTML: " + e.Message); }
        using (doc)
        {
            var meta = Metadata.From(doc);
            var canonical = AbsoluteHttp(meta.Canonical) ?? Resolve(url, meta.Canonical) ?? AbsoluteHttp(url);
            var baseUrl = canonical ?? "https://localhost/";

            string text = "";
            string? readerTitle = null, readerSite = null;
            DateTime? readerDate = null;
            bool found = false;
            // Article detection (SmartReader) slows down with the square of an element's number of children: a page
            // with tens of thousands of paragraphs side by side took minutes. Such a page is read whole (without
            // navigation, headers, footers), as a page without an article is.
            if (MostChildren(doc) <= MaxChildren)
            {
                try
                {
                    var reader = new SmartReader.Reader(baseUrl, doc) { Debug = false };
                    var article = reader.GetArticle();
                    readerTitle = article.Title; readerSite = article.SiteName; readerDate = article.PublicationDate;
                    if (article.IsReadable && !string.IsNullOrWhiteSpace(article.Content))
                    {
                        text = HtmlText.FromFragment(article.Content);
                        found = text.Length > 0;
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException) { }
            }
            if (!found)
            {
                // No article: the page's text outside its navigation, headers, footers, asides and forms.
                using var again = parser.ParseDocument(html);
                text = again.Body is { } body ? HtmlText.FromNode(body, skipFurniture: true) : "";
            }
            if (string.IsNullOrWhiteSpace(text) && string.IsNullOrWhiteSpace(meta.Title ?? readerTitle))
                throw new HtmlReadException("no text found in the HTML page");

            var dates = new List<(PublishedDate Date, string From)>();
            foreach (var s in meta.MetaDates) if (PublishedDate.Parse(s) is { } d) dates.Add((d, "meta"));
            foreach (var s in meta.JsonLdDates) if (PublishedDate.Parse(s) is { } d) dates.Add((d, "json-ld"));
            foreach (var s in meta.TimeDates) if (PublishedDate.Parse(s) is { } d) dates.Add((d, "time"));
            if (PublishedDate.FromUrl(canonical ?? url) is { } ud) dates.Add((ud, "url"));
            if (readerDate is { } rd)
                dates.Add((new PublishedDate(new DateTimeOffset(DateTime.SpecifyKind(rd.ToUniversalTime(), DateTimeKind.Utc)), true, true), "reader"));
            var (published, from) = ChooseDate(dates);

            var host = Uri.TryCreate(canonical ?? url, UriKind.Absolute, out var u) && u.Host.Length > 0 ? StripWww(u.Host) : null;
            return new HtmlPage
            {
                Text = text,
                Title = Clean(meta.Title) ?? Clean(readerTitle) ?? Clean(meta.HtmlTitle),
                Outlet = Clean(meta.SiteName) ?? Clean(readerSite) ?? host,
                Url = canonical,
                Published = published,
                PublishedFrom = from,
                Language = Clean(meta.Language),
                ArticleFound = found,
            };
        }
    }

    /// <summary>
    /// The first date by source priority, preferring one with a time of day; a UTC value is shown in the non-zero offset
    /// another source states, and a local time takes the offset of a source that gives the same local time with one.
    /// </summary>
    internal static (PublishedDate?, string?) ChooseDate(List<(PublishedDate Date, string From)> dates)
    {
        if (dates.Count == 0) return (null, null);
        var best = dates.FirstOrDefault(d => d.Date.HasTime && d.From != "reader");
        if (best == default) best = dates[0];
        var p = best.Date;
        if (p.HasOffset && p.Value.Offset == TimeSpan.Zero
            && dates.FirstOrDefault(d => d.Date.HasOffset && d.Date.Value.Offset != TimeSpan.Zero) is { Date: var withOffset } && withOffset != default)
            p = p with { Value = p.Value.ToOffset(withOffset.Value.Offset) };
        else if (!p.HasOffset && p.HasTime
            && dates.FirstOrDefault(d => d.Date.HasOffset && d.Date.Value.DateTime == p.Value.DateTime) is { Date: var same } && same != default)
            p = same;
        else if (!p.HasOffset && !p.HasTime
            && dates.FirstOrDefault(d => d.Date.HasOffset && d.From != "reader" && d.Date.Value.Date == p.Value.Date) is { Date: var sameDay } && sameDay != default)
            p = sameDay;
        return (p, best.From);
    }

    private static string? AbsoluteHttp(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u.ToString() : null;

    /// <summary>A relative canonical link ("/daerah/x") against the page's own URL.</summary>
    private static string? Resolve(string? pageUrl, string? relative) =>
        AbsoluteHttp(pageUrl) is { } b && !string.IsNullOrWhiteSpace(relative) && Uri.TryCreate(new Uri(b), relative.Trim(), out var u) ? AbsoluteHttp(u.ToString()) : null;

    private static string StripWww(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;

    private static string? Clean(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        var t = HtmlText.Collapse(System.Net.WebUtility.HtmlDecode(s));
        return t.Length == 0 ? null : t;
    }

    /// <summary>The metadata of a parsed page, read before the article extraction changes the tree.</summary>
    private sealed class Metadata
    {
        public string? Title, HtmlTitle, SiteName, Canonical, Language;
        public List<string> MetaDates = [], JsonLdDates = [], TimeDates = [];

        private static readonly string[] DateMetaNames =
        [
            "article:published_time", "og:article:published_time", "og:published_time", "published_time", "article.published",
            "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date", "date", "dc.date.issued",
            "dc.date", "dcterms.issued", "dcterms.created", "parsely-pub-date", "sailthru.date", "content_publisheddate",
            "dtk:publishdate", "article_date_original", "originalpublicationdate",
        ];

        public static Metadata From(IHtmlDocument doc)
        {
            var m = new Metadata();
            var metas = doc.QuerySelectorAll("meta").ToList();
            string? Meta(params string[] keys)
            {
                foreach (var k in keys)
                    foreach (var e in metas)
                        if ((e.GetAttribute("property") ?? e.GetAttribute("name") ?? e.GetAttribute("itemprop"))?.Equals(k, StringComparison.OrdinalIgnoreCase) == true
                            && e.GetAttribute("content") is { Length: > 0 } c) return c;
                return null;
            }
            m.Title = Meta("og:title", "twitter:title");
            m.HtmlTitle = doc.Title;
            m.SiteName = Meta("og:site_name", "application-name", "al:android:app_name");
            m.Canonical = doc.QuerySelector("link[rel~='canonical']")?.GetAttribute("href") ?? Meta("og:url");
            foreach (var k in DateMetaNames)
                foreach (var e in metas)
                    if ((e.GetAttribute("property") ?? e.GetAttribute("name") ?? e.GetAttribute("itemprop"))?.Equals(k, StringComparison.OrdinalIgnoreCase) == true
                        && e.GetAttribute("content") is { Length: > 0 } c) m.MetaDates.Add(c);
            m.Language = doc.DocumentElement?.GetAttribute("lang")
                ?? metas.FirstOrDefault(e => e.GetAttribute("http-equiv")?.Equals("content-language", StringComparison.OrdinalIgnoreCase) == true)?.GetAttribute("content")
                ?? Meta("og:locale", "language", "dc.language");

            foreach (var script in doc.QuerySelectorAll("script[type='application/ld+json']"))
            {
                try
                {
                    using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
                    m.ReadJsonLd(json.RootElement, 0);
                }
                catch (JsonException) { }
            }

            // (Sets beside the lists: a page of many dates must not cost their number squared.)
            var times = doc.QuerySelectorAll("time[datetime]").ToList();
            var seenTimes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in times.Where(t => t.HasAttribute("pubdate") || t.GetAttribute("itemprop")?.Contains("datePublished", StringComparison.OrdinalIgnoreCase) == true
                || (t.ClassName ?? "").Contains("publish", StringComparison.OrdinalIgnoreCase)).Concat(times.Where(t => t.Closest("article") is not null)).Concat(times))
                if (t.GetAttribute("datetime") is { Length: > 0 } dt && seenTimes.Add(dt)) m.TimeDates.Add(dt);
            var seenMeta = new HashSet<string>(m.MetaDates, StringComparer.Ordinal);
            foreach (var e in doc.QuerySelectorAll("[itemprop='datePublished']"))
                if ((e.GetAttribute("content") ?? e.GetAttribute("datetime")) is { Length: > 0 } v && seenMeta.Add(v)) m.MetaDates.Add(v);
            return m;
        }

        private void ReadJsonLd(JsonElement e, int depth)
        {
            if (depth > 8) return;
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray()) ReadJsonLd(item, depth + 1);
                return;
            }
            if (e.ValueKind != JsonValueKind.Object) return;
            if (e.TryGetProperty("@graph", out var graph)) ReadJsonLd(graph, depth + 1);
            bool article = e.TryGetProperty("@type", out var type) && TypeNames(type).Any(t => t.Contains("Article", StringComparison.OrdinalIgnoreCase)
                || t is "ReportageNewsArticle" or "BlogPosting" or "LiveBlogPosting" or "WebPage" or "Report");
            if (!article) return;
            if (Str(e, "datePublished") is { } d) JsonLdDates.Add(d);
            Title ??= Str(e, "headline");
            if (SiteName is null && e.TryGetProperty("publisher", out var pub))
                SiteName = pub.ValueKind == JsonValueKind.Object ? Str(pub, "name") : pub.ValueKind == JsonValueKind.Array && pub.GetArrayLength() > 0 ? Str(pub[0], "name") : null;
            Language ??= Str(e, "inLanguage");
        }

        private static IEnumerable<string> TypeNames(JsonElement type) =>
            type.ValueKind == JsonValueKind.String ? [type.GetString()!]
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!) : [];

        private static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
    }
}
