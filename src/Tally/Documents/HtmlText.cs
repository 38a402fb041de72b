using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Tally.Documents;

/// <summary>
/// HTML to plain text the way a reader sees it: one paragraph per block element (separated by a blank line), a line
/// break for &lt;br&gt;, runs of white space collapsed, scripts, styles, forms and embedded objects left out. The walk is
/// iterative, so nesting depth cannot overflow the stack.
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed", "video", "audio",
        "head", "title", "meta", "link", "input", "button", "select", "option", "textarea", "label", "img", "picture", "source", "map",
    };

    /// <summary>Page furniture skipped when a whole page is read without article detection.</summary>
    private static readonly HashSet<string> Furniture = new(StringComparer.OrdinalIgnoreCase)
    {
        "nav", "header", "footer", "aside", "form", "menu", "dialog",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "caption",
        "figure", "figcaption", "address", "hr", "form", "fieldset", "details", "summary", "center", "body", "html",
    };

    /// <summary>The text of an HTML fragment (feed item content, an article's HTML).</summary>
    public static string FromFragment(string html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        if (!html.Contains('<') && !html.Contains('&')) return Collapse(html);
        var parser = new HtmlParser();
        var doc = parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        return FromNode(doc.Body ?? (INode)doc, skipFurniture: false);
    }

    /// <summary>The text under a node; with <paramref name="skipFurniture"/>, navigation, headers, footers, asides and forms are left out.</summary>
    public static string FromNode(INode root, bool skipFurniture)
    {
        var w = new Writer();
        var stack = new Stack<(INode Node, bool Exit)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, exit) = stack.Pop();
            if (node is IElement e)
            {
                var name = e.LocalName;
                if (exit)
                {
                    if (name.Equals("pre", StringComparison.OrdinalIgnoreCase)) w.Pre--;
                    if (Blocks.Contains(name)) w.Break(ParagraphLike(name) ? 2 : 1);
                    else if (name is "td" or "th") w.Space();
                    continue;
                }
                if (Skipped.Contains(name) || (skipFurniture && (Furniture.Contains(name) || IsHidden(e)))) continue;
                if (name.Equals("br", StringComparison.OrdinalIgnoreCase)) { w.Break(1); continue; }
                if (Blocks.Contains(name)) w.Break(ParagraphLike(name) ? 2 : 1);
                if (name.Equals("pre", StringComparison.OrdinalIgnoreCase)) w.Pre++;
                stack.Push((node, true));
                PushChildren(stack, node);
            }
            else if (node is IText t)
            {
                w.Text(t.Data);
            }
            else if (node is IDocument or IDocumentFragment)
            {
                PushChildren(stack, node);
            }
        }
        return w.ToString();
    }

    /// <summary>
    /// The children, last first, by index: AngleSharp finds a node's PreviousSibling by searching its parent's children,
    /// so walking siblings that way is quadratic in their number (a page of 40,000 paragraphs took minutes).
    /// </summary>
    private static void PushChildren(Stack<(INode Node, bool Exit)> stack, INode node)
    {
        var children = node.ChildNodes;
        for (int i = children.Length - 1; i >= 0; i--) stack.Push((children[i], false));
    }

    private static bool ParagraphLike(string name) => name is not ("li" or "tr" or "dt" or "dd" or "br" or "thead" or "tbody" or "tfoot");

    private static bool IsHidden(IElement e) =>
        e.HasAttribute("hidden") || (e.GetAttribute("aria-hidden") == "true")
        || (e.GetAttribute("style") is { } s && s.Replace(" ", "").Contains("display:none", StringComparison.OrdinalIgnoreCase));

    internal static string Collapse(string s)
    {
        var sb = new StringBuilder(s.Length);
        bool space = false;
        foreach (var ch in s)
        {
            if (char.IsWhiteSpace(ch) || ch == '\u00A0') { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Accumulates text with pending line breaks and collapsed white space.</summary>
    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();
        private int _pendingBreaks;
        private bool _pendingSpace;
        public int Pre;

        public void Break(int n)
        {
            if (_sb.Length == 0) return;
            _pendingBreaks = Math.Max(_pendingBreaks, n);
            _pendingSpace = false;
        }

        public void Space() { if (_sb.Length > 0 && _pendingBreaks == 0) _pendingSpace = true; }

        public void Text(string data)
        {
            if (Pre > 0)
            {
                Flush();
                _sb.Append(data.Replace("\r\n", "\n"));
                return;
            }
            foreach (var ch in data)
            {
                if (char.IsWhiteSpace(ch) || ch == '\u00A0')
                {
                    if (_sb.Length > 0 && _pendingBreaks == 0) _pendingSpace = true;
                    continue;
                }
                Flush();
                _sb.Append(ch);
            }
        }

        private void Flush()
        {
            if (_pendingBreaks > 0 && _sb.Length > 0)
            {
                while (_sb.Length > 0 && _sb[^1] == ' ') _sb.Length--;
                _sb.Append('\n', _pendingBreaks);
            }
            else if (_pendingSpace && _sb.Length > 0 && _sb[^1] != '\n') _sb.Append(' ');
            _pendingBreaks = 0;
            _pendingSpace = false;
        }

        public override string ToString() => _sb.ToString().Trim();
    }
}
