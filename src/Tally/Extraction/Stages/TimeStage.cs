using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction.Stages;

/// <summary>
/// When: the period a figure refers to. In order: a time in the figure's own sentence that dates the event
/// (nearest first), else the date the figure was given in that sentence ("kata X, Jumat (6/11)"), else a time
/// earlier in the paragraph, else one in the paragraph just before when that paragraph states no figure of its own
/// (a lead that dates the event). "Hingga 29 Agustus ... pada 15 April" in one sentence is the span between them.
/// A date-line ("Kyiv, 23 Des (ANTARA) -") and a page's own date stamp are never event dates.
/// </summary>
public static class TimeStage
{
    private const int StatementWindow = 14;

    public static void Run(DocumentContext ctx, List<Candidate> candidates)
    {
        var a = ctx.Text;
        var all = TimeFinder.Find(a, ctx.Published);
        var excluded = ExcludedRegions(ctx);
        var times = all.Where(t => !excluded.Any(r => t.Start >= r.Start && t.Start < r.End)).ToList();
        if (times.Count == 0) return;

        var paragraphsWithFigures = candidates.Where(c => c.IsLive).Select(c => a.Sentences[c.Sentence].Paragraph).ToHashSet();

        foreach (var c in candidates)
        {
            if (!c.IsLive) continue;
            var sent = a.Sentences[c.Sentence];
            var inSentence = times.Where(t => t.Start >= sent.FirstToken && t.End <= sent.EndToken).ToList();
            TimeExpression? pick = null;
            if (inSentence.Count > 0)
            {
                var events = inSentence.Where(t => !IsStatementTime(ctx, t, sent)).ToList();
                var pool = events.Count > 0 ? events : inSentence;
                pick = pool.OrderBy(t => Distance(t, c.Mention)).First();
                // "hingga 29 Agustus ... sejak/pada 15 April": a figure as of one date, counted from another.
                if (pick.Until)
                {
                    var earlier = pool.Where(t => t != pick && t.To < pick.From).OrderBy(t => t.From).FirstOrDefault();
                    if (earlier is not null) pick = pick with { From = earlier.From, Text = earlier.Text + " … " + pick.Text };
                }
            }
            if (pick is null)
            {
                var para = a.Paragraphs[sent.Paragraph];
                int paraStart = a.Sentences[para.FirstSentence].FirstToken;
                pick = times.Where(t => t.Start >= paraStart && t.End <= sent.FirstToken && !IsStatementTime(ctx, t, a.Sentences[a.SentenceOf(t.Start)]))
                    .OrderByDescending(t => t.Start).FirstOrDefault();
            }
            if (pick is null && sent.Paragraph > ctx.TitleParagraphs && !paragraphsWithFigures.Contains(sent.Paragraph - 1) && sent.Paragraph - 1 >= ctx.TitleParagraphs)
            {
                var prev = a.Paragraphs[sent.Paragraph - 1];
                int from = a.Sentences[prev.FirstSentence].FirstToken, to = a.Sentences[prev.EndSentence - 1].EndToken;
                pick = times.Where(t => t.Start >= from && t.End <= to && !t.Relative && !IsStatementTime(ctx, t, a.Sentences[a.SentenceOf(t.Start)]))
                    .OrderByDescending(t => t.Start).FirstOrDefault();
            }
            if (pick is not null) c.When = new Period(pick.Text, pick.From, pick.To);
        }
    }

    private static int Distance(TimeExpression t, CountMention m) =>
        t.End <= m.Start ? m.Start - t.End : t.Start >= m.End ? t.Start - m.End : 0;

    /// <summary>A time that follows a reporting verb in its clause dates the statement, not the event.</summary>
    private static bool IsStatementTime(DocumentContext ctx, TimeExpression t, Sentence sent)
    {
        var a = ctx.Text;
        int from = Math.Max(sent.FirstToken, t.Start - StatementWindow);
        foreach (var h in a[LexKind.Reporting].Within(from, t.Start))
        {
            if (h.Entry.Frame is not (ReportingFrame.Say or ReportingFrame.Via)) continue;
            bool figureBetween = false;
            foreach (var _ in a[LexKind.Category].Within(h.End, t.Start)) { figureBetween = true; break; }
            for (int k = h.End; k < t.Start && !figureBetween; k++)
                if (a.Tokens[k].Kind == TokenKind.Number && !a.IsPunct(k + 1, '/') && !a.IsPunct(k - 1, '/')) figureBetween = true;
            if (!figureBetween) return true;
        }
        return false;
    }

    /// <summary>
    /// The date-line at the head of the body ("Kyiv, 23 Des (ANTARA) -", "JAKARTA, KOMPAS.com -") and paragraphs that are
    /// only a date stamp ("Rabu, 18 Des 2019 12:33 WIB").
    /// </summary>
    internal static List<(int Start, int End)> ExcludedRegions(DocumentContext ctx)
    {
        var a = ctx.Text;
        var regions = new List<(int, int)>();
        for (int p = 0; p < a.Paragraphs.Length; p++)
        {
            var para = a.Paragraphs[p];
            int from = a.Sentences[para.FirstSentence].FirstToken, to = a.Sentences[para.EndSentence - 1].EndToken;
            // A date-line: a short head before a dash, at the start of a paragraph.
            for (int k = from; k < Math.Min(to, from + 12); k++)
            {
                if (a.Tokens[k].Kind == TokenKind.Punct && a.Text[a.Tokens[k].Start] is '-' or '–' or '—' && a.Tokens[k].Is(TokenFlags.SpaceBefore))
                {
                    bool headLike = a.Tokens[from].Is(TokenFlags.Capitalized) || a.Tokens[from].Is(TokenFlags.AllCaps);
                    if (headLike) regions.Add((from, k + 1));
                    break;
                }
            }
            // A paragraph with no verbs to speak of: a date stamp ("Rabu, 18 Des 2019 12:33 WIB", "Published : 19 Jan 2023, 12:35 PM").
            int words = 0;
            for (int k = from; k < to; k++)
                if (a.Tokens[k].Kind == TokenKind.Word && !a[LexKind.Month].Covers(k, out _) && !a[LexKind.Weekday].Covers(k, out _)) words++;
            if (words <= 3 && to - from <= 14) regions.Add((from, to));
        }
        return regions;
    }
}
