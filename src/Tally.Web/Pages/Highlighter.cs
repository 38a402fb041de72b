using Tally.Model;

namespace Tally.Web.Pages;

/// <summary>
/// Marks the parts of an evidence sentence that a claim names — the count, the affected party, the place, the time and
/// the source — by finding their texts in it (first whole-word occurrence, any case; parts that overlap an earlier one
/// are left plain), and writes the sentence with every piece encoded.
/// </summary>
internal static class Highlighter
{
    public enum Kind { Count, Who, Where, When, Source }

    public readonly record struct Span(int Start, int End, Kind Kind);

    public static string Name(Kind k) => k switch
    {
        Kind.Count => "count", Kind.Who => "who", Kind.Where => "where", Kind.When => "when", _ => "source",
    };

    public static string Label(Kind k) => k switch
    {
        Kind.Count => "count", Kind.Who => "affected party", Kind.Where => "place", Kind.When => "time", _ => "source",
    };

    /// <summary>
    /// What to look for for one claim, in order of precedence. The count is looked for as written, then as its figures
    /// (a document that repeats a figure keeps one wording of it, which may come from another sentence).
    /// </summary>
    public static IEnumerable<(Kind, string?)> Needles(Claim c, Count? count = null, Source? source = null)
    {
        var n = count ?? c.Count;
        var list = new List<(Kind, string?)> { (Kind.Count, n.Text) };
        foreach (var v in new[] { n.Low, n.High }.OfType<long>().Distinct())
        {
            var plain = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var comma = v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            list.Add((Kind.Count, comma.Replace(',', '.')));
            list.Add((Kind.Count, comma));
            list.Add((Kind.Count, plain));
        }
        list.Add((Kind.Source, (source ?? c.Source)?.Text));
        list.Add((Kind.Who, c.Who.Text));
        list.Add((Kind.Where, c.Where?.Text));
        list.Add((Kind.When, c.When?.Text));
        return list;
    }

    /// <summary>The spans of the needles within <c>text[start..end)</c>, sorted, not overlapping.</summary>
    public static List<Span> Find(string text, int start, int end, IEnumerable<(Kind Kind, string? Needle)> needles, List<Span>? taken = null)
    {
        var spans = taken ?? new List<Span>();
        bool countFound = false;
        foreach (var (kind, needle) in needles)
        {
            var n = needle?.Trim();
            if (string.IsNullOrEmpty(n)) continue;
            if (kind == Kind.Count && countFound) continue; // one count per claim: the first wording found
            int from = start;
            while (from < end)
            {
                int i = text.IndexOf(n, from, end - from, StringComparison.OrdinalIgnoreCase);
                if (i < 0) break;
                int j = i + n.Length;
                if (WordEdges(text, i, j) && !spans.Any(s => s.Start < j && i < s.End))
                {
                    spans.Add(new Span(i, j, kind));
                    if (kind == Kind.Count) countFound = true;
                    break;
                }
                from = i + 1;
            }
        }
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return spans;
    }

    private static bool WordEdges(string text, int i, int j) =>
        (i == 0 || !char.IsLetterOrDigit(text[i - 1]) || !char.IsLetterOrDigit(text[i])) &&
        (j >= text.Length || !char.IsLetterOrDigit(text[j]) || !char.IsLetterOrDigit(text[j - 1]));

    /// <summary>Writes <c>text[start..end)</c> with the spans (inside that range) as &lt;mark&gt;s; everything encoded.</summary>
    public static void Write(Html h, string text, int start, int end, IEnumerable<Span> spans)
    {
        int pos = start;
        foreach (var s in spans)
        {
            if (s.Start < pos || s.End > end) continue;
            h.Text(text.AsSpan(pos, s.Start - pos));
            h.Raw("<mark class=\"hl hl-").Raw(Name(s.Kind)).Raw("\"><span class=\"visually-hidden\">").Raw(Label(s.Kind)).Raw(": </span>")
                .Text(text.AsSpan(s.Start, s.End - s.Start)).Raw("</mark>");
            pos = s.End;
        }
        h.Text(text.AsSpan(pos, end - pos));
    }

    /// <summary>The legend of the highlight colours (also spoken: each mark starts with its kind for screen readers).</summary>
    public static void Legend(Html h)
    {
        h.Raw("<p class=\"legend\"><span class=\"legend-title\">Highlighted:</span> ");
        foreach (var k in Enum.GetValues<Kind>())
            h.Raw("<mark class=\"hl hl-").Raw(Name(k)).Raw("\">").Text(Label(k)).Raw("</mark> ");
        h.Raw("</p>");
    }

    /// <summary>
    /// The paragraph of <paramref name="text"/> around <c>[start, end)</c>: from the line break before to the one after,
    /// cut to about <paramref name="context"/> characters each side of the range in a very long paragraph.
    /// </summary>
    public static (int Start, int End, bool CutBefore, bool CutAfter) Paragraph(string text, int start, int end, int context = 600)
    {
        int ps = start == 0 ? 0 : text.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
        int pe = text.IndexOf('\n', end);
        if (pe < 0) pe = text.Length;
        bool cutBefore = false, cutAfter = false;
        if (start - ps > context)
        {
            int s = start - context;
            int space = text.IndexOf(' ', s, start - s);
            ps = space > 0 ? space + 1 : s;
            cutBefore = true;
        }
        if (pe - end > context)
        {
            int e = end + context;
            int space = text.LastIndexOf(' ', e, e - end);
            pe = space > end ? space : e;
            cutAfter = true;
        }
        return (ps, pe, cutBefore, cutAfter);
    }
}
