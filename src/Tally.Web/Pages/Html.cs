using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Tally.Model;

namespace Tally.Web.Pages;

/// <summary>
/// Builds HTML as text. Article text, titles, URLs, names — everything that comes from a document or a request — goes
/// through <see cref="Text"/> or <see cref="Attr"/>, which encode it; <see cref="Raw"/> takes only the page's own
/// markup, written as literals in this assembly.
/// </summary>
internal sealed class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _sb = new(16 * 1024);

    /// <summary>Markup of the page itself (never data).</summary>
    public Html Raw(string markup) { _sb.Append(markup); return this; }

    /// <summary>Data as text: every character that means something in HTML is encoded.</summary>
    public Html Text(string? data)
    {
        if (!string.IsNullOrEmpty(data)) _sb.Append(Encoder.Encode(data));
        return this;
    }

    public Html Text(ReadOnlySpan<char> data) => Text(data.ToString());

    public Html Number(long n) { _sb.Append(n.ToString(CultureInfo.InvariantCulture)); return this; }

    /// <summary>An attribute, its value encoded: <c> name="value"</c>.</summary>
    public Html Attr(string name, string? value)
    {
        _sb.Append(' ').Append(name).Append("=\"");
        Text(value);
        _sb.Append('"');
        return this;
    }

    /// <summary>A link to a page of this site (<paramref name="href"/> is built by the caller from encoded query values).</summary>
    public Html Link(string href, string? text, string? cls = null)
    {
        Raw("<a").Attr("href", href);
        if (cls is not null) Attr("class", cls);
        return Raw(">").Text(text).Raw("</a>");
    }

    /// <summary>A link to an article's own URL: http and https only (anything else is shown as text), never followed by the server.</summary>
    public Html ExternalLink(string? url, string? text)
    {
        if (SafeHref(url) is { } href)
            return Raw("<a").Attr("href", href).Raw(" rel=\"noopener noreferrer nofollow\" referrerpolicy=\"no-referrer\">").Text(text ?? href).Raw("</a>");
        return Raw("<span class=\"url\">").Text(text ?? url).Raw("</span>");
    }

    /// <summary>The URL when it is an absolute http(s) URL; null otherwise (javascript:, data:, relative, malformed).</summary>
    public static string? SafeHref(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u)) return null;
        if (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps) return null;
        return u.AbsoluteUri;
    }

    public override string ToString() => _sb.ToString();

    /// <summary>A query string from name/value pairs, each encoded (blank values left out).</summary>
    public static string Query(params (string Name, string? Value)[] pairs)
    {
        var parts = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value!)).ToList();
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    /// <summary>The whole page around <paramref name="body"/>: one stylesheet and one icon from this server, nothing else.</summary>
    public static IResult Page(string title, string current, Html body, int status = StatusCodes.Status200OK)
    {
        var h = new Html();
        h.Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Raw("<title>").Text(title).Raw(" — Tally</title>\n")
            .Raw("<link rel=\"stylesheet\" href=\"/static/app.css\">\n<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n</head>\n<body>\n")
            .Raw("<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
            .Raw("<header class=\"site\"><a class=\"brand\" href=\"/\">Tally</a>\n<nav aria-label=\"Main\"><ul>");
        foreach (var (href, label) in new[] { ("/", "Claims"), ("/timeline", "Timeline"), ("/countries", "Countries"), ("/openapi/v1.json", "API") })
        {
            h.Raw("<li><a").Attr("href", href);
            if (label == current) h.Raw(" aria-current=\"page\"");
            h.Raw(">").Text(label).Raw("</a></li>");
        }
        h.Raw("</ul></nav></header>\n<main id=\"main\" tabindex=\"-1\">\n").Raw(body.ToString())
            .Raw("\n</main>\n<footer class=\"site\"><p>Tally: claims about people in crisis news, each with its sources. Figures are as reported, not verified.</p></footer>\n</body>\n</html>\n");
        return Results.Content(h.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static IResult Error(int status, string title, string message)
    {
        var b = new Html();
        b.Raw("<h1>").Text(title).Raw("</h1>\n<p role=\"alert\">").Text(message).Raw("</p>\n<p><a href=\"/\">Back to the claims</a></p>");
        return Page(title, "", b, status);
    }
}
