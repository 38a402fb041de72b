using System.Text.RegularExpressions;
using System.Xml;
using CH = CodeHollow.FeedReader;

namespace Tally.Documents;

/// <summary>One item of a feed: its position (1-based), title, link, date, and its HTML (content, else description).</summary>
public sealed record FeedEntry(int Index, string? Title, string? Link, PublishedDate? Published, string? Html, string? Id);

/// <summary>A feed's channel data and its items.</summary>
public sealed record FeedContent(string? Title, string? Link, string? Language, IReadOnlyList<FeedEntry> Items);

/// <summary>A feed that cannot be read at all, with the reason.</summary>
public sealed class FeedReadException(string message) : Exception(message);

/// <summary>
/// Reads RSS (0.9x, 1.0, 2.0) and Atom feeds with CodeHollow.FeedReader. A feed that is not well-formed XML is read
/// item by item, so one broken item costs only that item (reported with its position); dates keep their UTC offset.
/// </summary>
public static class FeedReader
{
    // The prolog may hold comments, style sheets and a document type declaration (RSS 0.91's Netscape DOCTYPE).
    private static readonly Regex Root = new(@"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*\?>\s*|(?<doctype><!DOCTYPE\b[^>\[]*(?:\[[^\]]*\][^>]*)?>)\s*)*(?<tag><(?<root>rss|feed|rdf:RDF)\b[^>]*>)", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex RssItem = new(@"<item\b[^>]*>.*?</item\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex AtomEntry = new(@"<entry\b[^>]*>.*?</entry\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex XmlEncoding = new(@"^\s*<\?xml[^>]*encoding\s*=\s*[""'](?<cs>[A-Za-z0-9_\-.:]+)[""']", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly string[] FeedExtensions = [".rss", ".atom", ".xml", ".rdf", ".feed"];

    public static bool HasFeedExtension(string ext) => FeedExtensions.Contains(ext, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the text's root element is &lt;rss&gt;, &lt;feed&gt; or &lt;rdf:RDF&gt;.</summary>
    public static bool LooksLikeFeed(string text) => Root.IsMatch(text.Length > 8192 ? text[..8192] : text);

    /// <summary>The encoding an XML declaration names, if any.</summary>
    public static string? DeclaredCharset(ReadOnlySpan<byte> bytes)
    {
        var head = System.Text.Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 256)]);
        var m = XmlEncoding.Match(head);
        return m.Success ? m.Groups["cs"].Value : null;
    }

    /// <summary>Reads a feed; <paramref name="onBadItem"/> gets the position and reason of each item that cannot be read.</summary>
    public static FeedContent Read(string xml, Action<int, string> onBadItem)
    {
        var root = Root.Match(xml.Length > 8192 ? xml[..8192] : xml);
        if (!root.Success) throw new FeedReadException("not an RSS or Atom feed");
        if (root.Groups["doctype"].Success)
        {
            xml = WithoutDoctype(xml, root.Groups["doctype"]);
            root = Root.Match(xml.Length > 8192 ? xml[..8192] : xml);
        }
        try
        {
            var feed = CH.FeedReader.ReadFromString(xml);
            var items = feed.Items.Select((it, i) => Entry(it, i + 1)).ToList();
            return new FeedContent(Text(feed.Title), feed.Link, feed.Language, items);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Salvage(xml, root, e, onBadItem);
        }
    }

    /// <summary>Reads each item of a feed that is not well-formed on its own, inside a copy of the feed's envelope.</summary>
    private static FeedContent Salvage(string xml, Match root, Exception whole, Action<int, string> onBadItem)
    {
        bool atom = root.Groups["root"].Value.Equals("feed", StringComparison.OrdinalIgnoreCase);
        bool rdf = root.Groups["root"].Value.Equals("rdf:RDF", StringComparison.OrdinalIgnoreCase);
        var items = (atom ? AtomEntry : RssItem).Matches(xml);
        if (items.Count == 0) throw new FeedReadException("not a well-formed feed: " + OneLine(whole.Message));
        var rootTag = root.Groups["tag"].Value;
        var header = xml[(root.Index + root.Length)..items[0].Index];
        // The channel's own elements (title, link, language), without the items.
        string channelOpen = atom || rdf ? "" : "<channel>";
        string channelHeader = Regex.Replace(header, @"^\s*<channel\b[^>]*>", "", RegexOptions.IgnoreCase);
        string close = atom ? "</feed>" : rdf ? "</rdf:RDF>" : "</channel></rss>";
        string? title = null, link = null, language = null;
        try
        {
            var envelope = CH.FeedReader.ReadFromString(rootTag + channelOpen + channelHeader + close);
            title = Text(envelope.Title); link = envelope.Link; language = envelope.Language;
        }
        catch (Exception e) when (e is not OutOfMemoryException) { }

        var entries = new List<FeedEntry>();
        for (int i = 0; i < items.Count; i++)
        {
            try
            {
                var one = CH.FeedReader.ReadFromString(rootTag + channelOpen + channelHeader + items[i].Value + close);
                if (one.Items.Count == 0) { onBadItem(i + 1, "item cannot be read"); continue; }
                entries.Add(Entry(one.Items[0], i + 1));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                onBadItem(i + 1, "malformed item: " + OneLine(e.Message));
            }
        }
        return new FeedContent(title, link, language, entries);
    }

    /// <summary>
    /// The feed without its document type declaration, which is never read: no DTD is fetched and no entity it declares
    /// is expanded (no external entities, no entity bombs). The HTML entities RSS 0.91's DTD declares ("&amp;eacute;")
    /// become character references, so the items that use them still read; any other undeclared entity makes its item
    /// malformed, and that item alone is lost.
    /// </summary>
    private static string WithoutDoctype(string xml, Group doctype)
    {
        var rest = xml[(doctype.Index + doctype.Length)..];
        rest = NamedEntity.Replace(rest, m => CharacterReference(m) ?? m.Value);
        return xml[..doctype.Index] + rest;
    }

    /// <summary>"&amp;#233;" for an HTML entity "&amp;eacute;" that stands for one character; null for XML's own five and unknown names.</summary>
    private static string? CharacterReference(Match m)
    {
        if (m.Groups["n"].Value is "amp" or "lt" or "gt" or "quot" or "apos") return null;
        var d = System.Net.WebUtility.HtmlDecode(m.Value);
        bool one = d.Length == 1 || (d.Length == 2 && char.IsSurrogatePair(d[0], d[1]));
        return one && d != m.Value ? "&#" + char.ConvertToUtf32(d, 0).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";" : null;
    }

    private static readonly Regex NamedEntity = new(@"&(?<n>[A-Za-z][A-Za-z0-9]{1,31});", RegexOptions.CultureInvariant);

    private static FeedEntry Entry(CH.FeedItem item, int index)
    {
        var html = !string.IsNullOrWhiteSpace(item.Content) ? item.Content : item.Description;
        return new FeedEntry(index, Text(item.Title), string.IsNullOrWhiteSpace(item.Link) ? null : item.Link.Trim(),
            PublishedDate.Parse(item.PublishingDateString), html, item.Id);
    }

    private static string? Text(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        var t = HtmlText.Collapse(System.Net.WebUtility.HtmlDecode(s));
        return t.Length == 0 ? null : t;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
