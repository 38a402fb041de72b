using Tally.Languages;
using Tally.Text;

namespace Tally.Extraction;

/// <summary>A time expression resolved to a period: tokens [Start, End), dates inclusive.</summary>
public sealed record TimeExpression(int Start, int End, DateOnly From, DateOnly To, string Text)
{
    /// <summary>"hingga X", "per X": the figure as of that date.</summary>
    public bool Until { get; init; }
    /// <summary>Resolved from a weekday or relative word, not written as a date.</summary>
    public bool Relative { get; init; }
}

/// <summary>
/// Finds time expressions and resolves them against a reference date (the publication date): weekdays with a date
/// in brackets ("Kamis (23/1)", "Rabu (18/12/2024)"), explicit dates in Indonesian and English formats, day ranges
/// ("14-19 September 2020"), months ("September 2020", "Januari lalu", "pertengahan Januari"), years ("tahun 2022"),
/// relative words ("kemarin", "pekan lalu", "tahun ini", "earlier this month"), "N hari lalu", "three days ago",
/// "sejak Maret". Without a publication date only expressions that carry their own year are resolved
/// (the year may come from the document).
/// </summary>
public static partial class TimeFinder
{
    public static List<TimeExpression> Find(AnalyzedText a, DateOnly? published)
    {
        var result = new List<TimeExpression>();
        var tokens = a.Tokens;
        int? docYear = published?.Year ?? YearFromDocument(a);
        // Only a number, a bracket, or a time, weekday, month or number word opens a time expression: mark those tokens
        // once from the layers instead of asking every token.
        var opens = System.Buffers.ArrayPool<bool>.Shared.Rent(tokens.Length);
        Array.Clear(opens, 0, tokens.Length);
        foreach (var kind in (ReadOnlySpan<LexKind>)[LexKind.Time, LexKind.Weekday, LexKind.Month, LexKind.Number])
            foreach (var h in a[kind].Hits) opens[h.Start] = true;
        int i = 0;
        while (i < tokens.Length)
        {
            if (!opens[i] && tokens[i].Kind != TokenKind.Number && !a.IsPunct(i, '(')) { i++; continue; }
            if (TryAt(a, i, published, docYear, out var te))
            {
                result.Add(te!);
                i = te!.End;
                continue;
            }
            i++;
        }
        System.Buffers.ArrayPool<bool>.Shared.Return(opens);
        return result;
    }

    private static bool TryAt(AnalyzedText a, int i, DateOnly? pub, int? docYear, out TimeExpression? te)
    {
        te = null;
        var time = a[LexKind.Time];
        int start = i;
        bool since = false, until = false;
        // "sejak", "hingga", "per", "since", "until", "as of" before a date.
        if (time.StartsAt(i, out var pre) && pre.Entry.Time is TimeTag.Since or TimeTag.Until)
        {
            if (!LooksLikeDateAt(a, pre.End)) return false;
            since = pre.Entry.Time == TimeTag.Since;
            until = pre.Entry.Time == TimeTag.Until;
            i = pre.End;
        }
        (DateOnly From, DateOnly To, int End, bool Relative) core;
        // "since 2023", "sejak 2023": a bare year after "since" is that year (after "until" it is more often a bound of a count).
        if (since && BareYear(a, i) is { } by) core = (new DateOnly(by, 1, 1), new DateOnly(by, 12, 31), i + 1, false);
        else if (TryCore(a, i, pub, docYear, out var c) && c is not null) core = c.Value;
        else return false;
        var extended = Extend(a, core, pub, docYear);
        // "sejak 1 Maret hingga 5 Maret": the span written, not to publication.
        if (extended.End != core.End) since = false;
        var (from, to, end, relative) = extended;
        if (since)
        {
            // "sejak Maret": from then to publication; with no publication date, the period as written.
            if (pub is { } p)
            {
                if (p < from) return false;
                to = p;
            }
        }
        te = new TimeExpression(start, end, from, to, a.Slice(start, end)) { Until = until, Relative = relative };
        return true;
    }

    /// <summary>
    /// Two times joined by a range word or "and" are one span: "Januari hingga Maret", "from January to March",
    /// "between Jan. 1 and March 10", "Sunday and Monday", "in 2019 and 2020" (a bare year after a year).
    /// </summary>
    private static (DateOnly From, DateOnly To, int End, bool Relative) Extend(AnalyzedText a, (DateOnly From, DateOnly To, int End, bool Relative) core, DateOnly? pub, int? docYear)
    {
        if (!a[LexKind.Qualifier].StartsAt(core.End, out var q) || !q.Entries.Any(e => e.Qualifier is QualifierKind.Range or QualifierKind.And)) return core;
        int j = q.End;
        (DateOnly From, DateOnly To, int End, bool Relative) second;
        bool wholeYear = core.From.Month == 1 && core.From.Day == 1 && core.To == new DateOnly(core.From.Year, 12, 31);
        if (wholeYear && BareYear(a, j) is { } y) second = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), j + 1, false);
        else if (TryCore(a, j, pub, docYear, out var c) && c is not null) second = c.Value;
        else return core;
        if (second.From < core.From) return core;
        return (core.From, second.To > core.To ? second.To : core.To, second.End, core.Relative && second.Relative);
    }

    private static bool LooksLikeDateAt(AnalyzedText a, int i) =>
        i < a.Tokens.Length && (a.Tokens[i].Kind == TokenKind.Number || a[LexKind.Month].StartsAt(i, out _) || a[LexKind.Weekday].StartsAt(i, out _)
            || a[LexKind.Time].StartsAt(i, out _) || a.IsPunct(i, '(')
            || (a[LexKind.Number].StartsAt(i, out var n) && n.Entries.Any(e => e.NumberKind is NumberWordKind.Unit or NumberWordKind.Article)));

    /// <summary>A four-digit year standing alone, not the number of something ("2000 orang", "2000 rumah", "2022 ribu").</summary>
    private static int? BareYear(AnalyzedText a, int t)
    {
        if (Year(a, t) is not { } y) return null;
        int k = t + 1;
        if (k < a.Tokens.Length && (a.Tokens[k].Kind == TokenKind.Number || a[LexKind.People].StartsAt(k, out _) || a[LexKind.Unit].StartsAt(k, out _)
            || (a[LexKind.Number].StartsAt(k, out var nw) && nw.Entries.Any(e => e.NumberKind is NumberWordKind.Scale or NumberWordKind.Hundred))
            || a[LexKind.Category].StartsAt(k, out _))) return null;
        return y;
    }

    /// <summary>
    /// The date forms, in the order they are tried at token <paramref name="i"/>; the first whose opening word is there
    /// decides (a weekday, a time word, a number or a month that makes no date makes none here).
    /// </summary>
    private static bool TryCore(AnalyzedText a, int i, DateOnly? pub, int? docYear, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        r = null;
        if (i >= a.Tokens.Length) return false;
        if (a[LexKind.Weekday].StartsAt(i, out var wd)) return TryWeekday(a, wd, pub, docYear, out r);
        if (a.IsPunct(i, '(') && TryBracketDate(a, i, pub, docYear, out r)) return true;
        if (a[LexKind.Time].StartsAt(i, out var tw)) return TryTimeWord(a, tw, pub, docYear, out r);
        if (TryCountAgo(a, i, pub, out r)) return true;
        if (a.Tokens[i].Kind == TokenKind.Number) return TryDayMonthYear(a, i, pub, docYear, out r);
        if (a[LexKind.Month].StartsAt(i, out var m)) return TryMonthFirst(a, m, pub, docYear, out r);
        return false;
    }
}
