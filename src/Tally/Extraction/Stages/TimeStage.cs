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

    /// <summary>
    /// The time expressions that may date a figure: every one the document writes outside its date-line and page stamps.
    /// Found only for a document that has a possible claim left.
    /// </summary>
    public static List<TimeExpression> FindTimes(DocumentContext ctx)
    {
        if (!ctx.HasLiveCandidates) return [];
        var all = TimeFinder.Find(ctx.Text, ctx.Published);
        var excluded = ExcludedRegions(ctx);
        bool InExcluded(TimeExpression t) => excluded.Any(r => t.Start >= r.Start && t.Start < r.End);
        if (ctx.Published is { } published) ctx.ReportDay = (published, "published " + published.ToString("yyyy-MM-dd"));
        else if (InferReportDay(all, InExcluded) is { } inferred)
        {
            // An undated page: its own date-line or latest written date stands for the day it reports from, and the
            // weekdays and relative words it uses ("Sabtu pagi", "kemarin") are resolved against that day.
            ctx.ReportDay = (inferred.From, inferred.Text);
            all = TimeFinder.Find(ctx.Text, inferred.From);
        }
        if (all.Count == 0) return all;
        return all.Where(t => !InExcluded(t)).ToList();
    }

    /// <summary>
    /// The day an undated document reports from: a single day its date-line or date stamp gives, else the latest single
    /// day it writes out. Without a reference every time found was resolved from what the text writes (a month and day
    /// take the document's year); weekdays and relative words are not resolved yet.
    /// </summary>
    private static TimeExpression? InferReportDay(List<TimeExpression> times, Func<TimeExpression, bool> inDateLine)
    {
        TimeExpression? line = null, latest = null;
        foreach (var t in times)
        {
            if (t.From != t.To) continue;
            if (inDateLine(t)) line ??= t;
            else if (latest is null || t.From > latest.From) latest = t;
        }
        return line ?? latest;
    }

    /// <summary>
    /// A figure its context gives no time for is as of the day it was reported, when it is someone's statement (an
    /// attributed figure speaks for the day it was said) or a running total ("the toll rose to", "hingga kini", "so far",
    /// "masih"); an earlier value ("sebelumnya 13", "up from 40") and an unattributed narrative figure keep no time.
    /// </summary>
    public static void ReportDay(DocumentContext ctx, List<Candidate> candidates)
    {
        if (ctx.ReportDay is not { } day) return;
        var a = ctx.Text;
        foreach (var c in candidates)
        {
            if (!c.IsLive || c.When is not null) continue;
            if (a.PrecededBy(c.Mention.Start, SyntaxRole.Previous)) continue;
            if (c.Source is null && !RunningTotal(a, c)) continue;
            c.When = new Period(day.Text, day.Day, day.Day) { Reported = true };
            c.WhenIsStatement = true;
        }
    }

    /// <summary>
    /// The figure's sentence states a total as it stands: a word of change ("rose to", "bertambah menjadi", syntax role
    /// <c>change</c>) or of the present state ("still", "masih", "kini": role <c>current</c>).
    /// </summary>
    private static bool RunningTotal(AnalyzedText a, Candidate c)
    {
        var sent = a.Sentences[c.Sentence];
        foreach (var h in a[LexKind.Syntax].Within(sent.FirstToken, sent.EndToken))
            if (h.Entries.Any(e => e.Syntax is SyntaxRole.Change or SyntaxRole.Current)) return true;
        return false;
    }

    /// <summary>A number inside a time ("sepanjang 2023", "the 2004 tsunami", "in 2019 and 2020") is a date, not a figure.</summary>
    public static void DropDates(DocumentContext ctx, List<Candidate> candidates)
    {
        var times = ctx.Times;
        if (times.Count == 0) return;
        foreach (var c in candidates)
        {
            if (!c.IsLive) continue;
            var m = c.Mention;
            foreach (var t in times)
                if (m.Start >= t.Start && m.End <= t.End) { c.Dropped = "part of a time: " + t.Text; break; }
        }
    }

    public static void Run(DocumentContext ctx, List<Candidate> candidates)
    {
        var a = ctx.Text;
        if (!candidates.Exists(c => c.IsLive)) return;
        var times = ctx.Times;
        if (times.Count == 0) return;
        // Whether a time dates a statement depends on where it stands only: asked once per time.
        var statementTimes = new Dictionary<(int, int), bool>();
        bool IsStatement(TimeExpression t)
        {
            if (!statementTimes.TryGetValue((t.Start, t.End), out var s)) statementTimes[(t.Start, t.End)] = s = IsStatementTime(ctx, t);
            return s;
        }

        var paragraphsWithFigures = candidates.Where(c => c.IsLive).Select(c => a.Sentences[c.Sentence].Paragraph).ToHashSet();

        var inSentence = new List<TimeExpression>();
        foreach (var c in candidates)
        {
            if (!c.IsLive) continue;
            var sent = a.Sentences[c.Sentence];
            var para = a.Paragraphs[sent.Paragraph];
            var m = c.Mention;
            inSentence.Clear();
            // "6.420 orang berbanding 6.375 malam tadi", "40, up from 25 on Monday": a time after the earlier figure
            // dates that one; the figure compared with it is as of the report.
            int compared = ComparedAt(a, m, sent, times);
            bool datedEarlier = false;
            foreach (var t in times)
                if (t.Start >= sent.FirstToken && t.End <= sent.EndToken)
                {
                    if (t.Start >= compared) { datedEarlier = true; continue; }
                    inSentence.Add(t);
                }
            if (datedEarlier && inSentence.Count == 0) continue;
            TimeExpression? pick = null;
            if (inSentence.Count > 0)
            {
                // Prefer a time of the figure's own clause that dates the event, then any event time, then the statement's
                // date; the nearest of them (of two as near, the first written).
                TimeExpression? sameClause = null, statement = null, anyEvent = null;
                int dSame = int.MaxValue, dStatement = int.MaxValue, dEvent = int.MaxValue;
                foreach (var t in inSentence)
                {
                    int d = Distance(t, m);
                    if (IsStatement(t)) { if (d < dStatement) { statement = t; dStatement = d; } continue; }
                    if (d < dEvent) { anyEvent = t; dEvent = d; }
                    if (d < dSame && !Separated(a, t, m)) { sameClause = t; dSame = d; }
                }
                pick = sameClause ?? statement ?? anyEvent;
                // "hingga 29 Agustus ... sejak/pada 15 April": a figure as of one date, counted from another.
                if (pick!.Until)
                {
                    TimeExpression? earlier = null;
                    foreach (var t in inSentence)
                        if (t != pick && t.To < pick.From && !IsStatement(t) && (earlier is null || t.From < earlier.From)) earlier = t;
                    if (earlier is not null) pick = pick with { From = earlier.From, Text = earlier.Text + " … " + pick.Text };
                }
            }
            if (pick is null)
            {
                // Elsewhere in the paragraph: the nearest event time before the figure, else after it; event times first,
                // the date a figure was released standing for a running total ("dirilis BNPB hari ini") after them.
                int paraStart = a.Sentences[para.FirstSentence].FirstToken, paraEnd = a.Sentences[para.EndSentence - 1].EndToken;
                TimeExpression? eventBefore = null, eventAfter = null, anyBefore = null, anyAfter = null;
                foreach (var t in times)
                {
                    if (t.Start < paraStart || t.End > paraEnd) continue;
                    bool before = t.End <= sent.FirstToken, after = t.Start >= sent.EndToken;
                    if (!before && !after) continue;
                    bool ev = !IsStatement(t);
                    // times run in text order: the last one before, the first one after.
                    if (before) { anyBefore = t; if (ev) eventBefore = t; }
                    else { anyAfter ??= t; if (ev) eventAfter ??= t; }
                }
                pick = eventBefore ?? eventAfter ?? anyBefore ?? anyAfter;
            }
            if (pick is null && sent.Paragraph > ctx.TitleParagraphs && !paragraphsWithFigures.Contains(sent.Paragraph - 1) && sent.Paragraph - 1 >= ctx.TitleParagraphs)
            {
                var prev = a.Paragraphs[sent.Paragraph - 1];
                int from = a.Sentences[prev.FirstSentence].FirstToken, to = a.Sentences[prev.EndSentence - 1].EndToken;
                foreach (var t in times)
                    if (t.Start >= from && t.End <= to && !t.Relative && !IsStatement(t)) pick = t;
            }
            if (pick is not null)
            {
                c.When = new Period(pick.Text, pick.From, pick.To);
                c.WhenInSentence = pick.Start >= sent.FirstToken && pick.End <= sent.EndToken;
                c.WhenIsStatement = IsStatement(pick);
            }
        }
    }

    /// <summary>
    /// Where a comparison with an earlier figure opens after the figure in its sentence: a word of syntax role
    /// <c>previous</c> ("berbanding", "compared with", "up from") followed within three tokens by a number that is not part of a time ("from 14 to 19 September"); else
    /// the sentence's end.
    /// </summary>
    private static int ComparedAt(AnalyzedText a, CountMention m, Sentence sent, List<TimeExpression> times)
    {
        foreach (var h in a[LexKind.Syntax].Within(m.End, sent.EndToken))
        {
            if (!h.Entries.Any(e => e.Syntax == SyntaxRole.Previous)) continue;
            for (int k = h.End; k < Math.Min(h.End + 3, sent.EndToken); k++)
                if (a.Tokens[k].Kind == TokenKind.Number && !times.Exists(t => k >= t.Start && k < t.End)) return h.Start;
        }
        return sent.EndToken;
    }

    /// <summary>A relative or subordinate clause lies between the time and the figure ("..., where 12 were killed last year").</summary>
    private static bool Separated(AnalyzedText a, TimeExpression t, CountMention m)
    {
        int from = Math.Min(t.End, m.End), to = Math.Max(t.Start, m.Start);
        foreach (var h in a[LexKind.Syntax].Within(from, to))
            if (h.Entries.Any(e => e.Syntax is SyntaxRole.Relative or SyntaxRole.Clause)) return true;
        return false;
    }

    private static int Distance(TimeExpression t, CountMention m) =>
        t.End <= m.Start ? m.Start - t.End : t.Start >= m.End ? t.Start - m.End : 0;

    /// <summary>
    /// A time right after whoever is speaking dates the statement, not the event: "kata Suriastawa dalam keterangan
    /// tertulis, Jumat (6/11)", "the agency said on Tuesday"; so does a time between the speaker and the verb
    /// ("Kapolda Papua X, Kamis (23/1), mengatakan", "Kementerian Kesehatan Gaza pada Senin menyatakan").
    /// </summary>
    private static bool IsStatementTime(DocumentContext ctx, TimeExpression t)
    {
        var a = ctx.Text;
        foreach (var f in ctx.FramesInSentence(a.SentenceOf(Math.Min(t.Start, a.Tokens.Length - 1))))
        {
            if (f.SpeakerEnd <= f.Start && f.Start - f.SpeakerEnd <= 12 && t.Start >= f.SpeakerEnd && t.End <= f.Start && !FigureWithin(a, f.SpeakerEnd, f.Start)) return true;
            int end = Math.Max(f.End, f.SpeakerEnd);
            if (a.SentenceOf(Math.Min(t.Start, a.Tokens.Length - 1)) != f.Sentence || t.Start < end || t.Start - end > 12) continue;
            bool figureBetween = a[LexKind.Category].Within(end, t.Start).Length > 0;
            for (int k = end; k < t.Start && !figureBetween; k++)
                if (a.Tokens[k].Kind == TokenKind.Number) figureBetween = true;
            if (!figureBetween) return true;
        }
        return false;
    }

    private static bool FigureWithin(AnalyzedText a, int from, int to)
    {
        if (a[LexKind.Category].Within(from, to).Length > 0) return true;
        for (int k = from; k < to; k++)
            if (a.Tokens[k].Kind == TokenKind.Number && !a.IsPunct(k - 1, '(') && !a.IsPunct(k + 1, '/') && !a.IsPunct(k - 1, '/')) return true;
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
            if (a.DateLineDash(from, to) is var dash && dash >= 0 && (a.Tokens[from].Is(TokenFlags.Capitalized) || a.Tokens[from].Is(TokenFlags.AllCaps)))
                regions.Add((from, dash + 1));
            // A paragraph with no verbs to speak of: a date stamp ("Rabu, 18 Des 2019 12:33 WIB", "Published : 19 Jan 2023, 12:35 PM").
            if (to - from > 14) continue;
            int words = 0;
            for (int k = from; k < to; k++)
                if (a.Tokens[k].Kind == TokenKind.Word && !a.Is(k, LexKind.Month) && !a.Is(k, LexKind.Weekday)) words++;
            if (words <= 3) regions.Add((from, to));
        }
        return regions;
    }
}
