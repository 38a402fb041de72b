using System.Globalization;
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
public static class TimeFinder
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

    private static bool TryCore(AnalyzedText a, int i, DateOnly? pub, int? docYear, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        r = null;
        var tokens = a.Tokens;
        if (i >= tokens.Length) return false;
        var time = a[LexKind.Time];
        var months = a[LexKind.Month];
        var weekdays = a[LexKind.Weekday];

        // Weekday, optionally with a part of day and a date: "Jumat (6/11/2020) siang", "Kamis, 21 Juni 2018", "Selasa sore (27/7)".
        if (weekdays.StartsAt(i, out var wd))
        {
            int day = (int)wd.Entry.Value;
            int j = PartOfDayEnd(a, wd.End);
            if (a.IsPunct(j, ',')) j++;
            if (TrySlashDate(a, j, pub, docYear, out var sd, out int sEnd, out bool yearGiven))
            {
                if (pub is { } p0)
                {
                    // A date after publication is a typing error: fall back to the weekday.
                    if (sd > p0) { r = WeekdayBefore(p0, day) is { } w ? (w, w, sEnd, true) : null; return r is not null; }
                    // No year written, and the year before publication puts the date on another weekday while the publication's
                    // own year puts it on the weekday written but after publication ("Kamis (30/1)" published Friday 24 January
                    // 2025: 30 January 2024 is a Tuesday, 30 January 2025 a Thursday still to come): the day is mistyped, the
                    // weekday stands.
                    if (!yearGiven && DayNumber(sd) != day && sd.Year < p0.Year && sd.Day <= DateTime.DaysInMonth(p0.Year, sd.Month)
                        && new DateOnly(p0.Year, sd.Month, sd.Day) is var same && same > p0 && DayNumber(same) == day)
                    { r = WeekdayBefore(p0, day) is { } w ? (w, w, sEnd, true) : null; return r is not null; }
                }
                r = (sd, sd, sEnd, false);
                return true;
            }
            if (TryDayMonth(a, j, pub, docYear, out var dm, out var dmEnd))
            {
                r = (dm.From, dm.To, dmEnd, false);
                return true;
            }
            // A weekday's name inside a person's name ("Norazam Khamis") is no date.
            if (wd.Start > 0 && tokens[wd.Start - 1].Kind == TokenKind.Word && tokens[wd.Start - 1].Is(TokenFlags.Capitalized)
                && !tokens[wd.Start - 1].Is(TokenFlags.LineStart) && a.SentenceOf(wd.Start - 1) == a.SentenceOf(wd.Start)
                && a.Sentences[a.SentenceOf(wd.Start)].FirstToken != wd.Start - 1 && !a[LexKind.Time].Covers(wd.Start - 1, out _))
                return false;
            if (pub is not { } p) return false;
            int end = PartOfDayEnd(a, wd.End);
            // "Selasa pekan lalu", "Tuesday last week": that day of the week named.
            if (time.StartsAt(end, out var wk) && wk.Entries.FirstOrDefault(e => e.Time == TimeTag.Week) is { } week)
            {
                var d = Monday(p).AddDays(7 * (int)week.Value + day - 1);
                r = (d, d, wk.End, true); return true;
            }
            if (WeekdayBefore(p, day) is { } w2)
            {
                r = (w2, w2, end, true);
                return true;
            }
            return false;
        }
        // "(30/10)", "(23/1/2025)".
        if (a.IsPunct(i, '(') && TrySlashDate(a, i, pub, docYear, out var d0, out int e0, out _))
        {
            r = (d0, d0, e0, false);
            return true;
        }
        // "last Monday" / "Monday last".
        if (time.StartsAt(i, out var tw))
        {
            var tag = tw.Entry.Time;
            int v = (int)tw.Entry.Value;
            if (tag == TimeTag.Last && weekdays.StartsAt(tw.End, out var lw) && pub is { } pl && WeekdayBefore(pl.AddDays(-1), (int)lw.Entry.Value) is { } lwd)
            {
                r = (lwd, lwd, lw.End, true); return true;
            }
            // "last October": the October before the publication's month (published in October, the year before).
            if (tag == TimeTag.Last && months.StartsAt(tw.End, out var lm) && pub is { } plm)
            {
                var (f, t) = MonthBefore(plm, (int)lm.Entry.Value, strictlyBefore: true);
                r = (f, t, lm.End, true); return true;
            }
            if (tag is TimeTag.Early or TimeTag.Mid or TimeTag.Late)
            {
                if (months.StartsAt(tw.End, out var pm))
                {
                    if (!TryMonthYear(a, pm.Start, pub, docYear, out var mf, out var mt, out var mEnd)) return false;
                    var (pf, pt) = PartOfMonth(mf, mt, tag);
                    r = (pf, pt, mEnd, false); return true;
                }
                // "akhir tahun lalu", "late last year", "at the end of last month", "awal tahun 2023", "akhir pekan lalu",
                // "sejak awal tahun", "since the start of the year".
                if (TryPeriod(a, tw.End, pub, out var pf2, out var pt2, out var unitDays, out var pEnd, out bool rel, out bool bare))
                {
                    (DateOnly, DateOnly)? Part(DateOnly f, DateOnly t) => unitDays switch
                    {
                        365 => PartOfYear(f, tag),
                        30 => PartOfMonth(f, t, tag),
                        7 => PartOfWeek(f, tag),
                        _ => null,
                    };
                    var part = Part(pf2, pt2);
                    // A unit alone ("akhir tahun", "akhir pekan") is the last such part begun by publication.
                    if (bare && pub is { } pb && part is { } p1 && p1.Item1 > pb)
                    {
                        var f = unitDays switch { 365 => pf2.AddYears(-1), 30 => pf2.AddMonths(-1), _ => pf2.AddDays(-7) };
                        var t = unitDays switch { 365 => f.AddYears(1).AddDays(-1), 30 => f.AddMonths(1).AddDays(-1), _ => f.AddDays(6) };
                        part = Part(f, t);
                    }
                    if (part is not { } pp) return false;
                    r = (pp.Item1, pp.Item2, pEnd, rel); return true;
                }
                return false;
            }
            if (tag == TimeTag.MidMonth)
            {
                // "mid-October 2021"; else the last October not after publication.
                if (Year(a, tw.End) is { } my)
                {
                    var mf = new DateOnly(my, v, 1);
                    var (pf, pt) = PartOfMonth(mf, mf.AddMonths(1).AddDays(-1), TimeTag.Mid);
                    r = (pf, pt, tw.End + 1, false); return true;
                }
                if (pub is { } pmm)
                {
                    var (f, t) = MonthBefore(pmm, v, strictlyBefore: false);
                    var (pf, pt) = PartOfMonth(f, t, TimeTag.Mid);
                    r = (pf, pt, tw.End, true); return true;
                }
                return false;
            }
            // "the first half of 2023", "semester pertama tahun ini", "the third quarter of last year".
            if (tag is TimeTag.Half or TimeTag.Quarter)
            {
                if (!TryPeriod(a, tw.End, pub, out var yf, out _, out var ud, out var yEnd, out bool rel) || ud != 365) return false;
                int months0 = tag == TimeTag.Half ? 6 : 3;
                var f = yf.AddMonths(months0 * (v - 1));
                r = (f, f.AddMonths(months0).AddDays(-1), yEnd, rel); return true;
            }
            // "tahun 2022", "pada 2022", "in 2019": the word may also be a unit ("tahun" = year, "dua tahun lalu"), so every entry
            // of the phrase is asked.
            if (tw.Entries.Any(e => e.Time == TimeTag.YearWord) && BareYear(a, tw.End) is { } yw)
            {
                r = (new DateOnly(yw, 1, 1), new DateOnly(yw, 12, 31), tw.End + 1, false); return true;
            }
            // "the 2004 tsunami": a year written before a noun that is not a people noun or a unit.
            if (tag == TimeTag.YearDet && BareYear(a, tw.End) is { } yd && tw.End + 1 < tokens.Length && tokens[tw.End + 1].Kind == TokenKind.Word)
            {
                r = (new DateOnly(yd, 1, 1), new DateOnly(yd, 12, 31), tw.End + 1, false); return true;
            }
            if (pub is not { } p) return false;
            switch (tag)
            {
                case TimeTag.Day: { var d = p.AddDays(v); r = (d, d, tw.End, true); return true; }
                case TimeTag.Now: r = (p, p, tw.End, true); return true;
                case TimeTag.Overnight: r = (p.AddDays(-1), p, tw.End, true); return true;
                case TimeTag.Week:
                {
                    var monday = Monday(p).AddDays(7 * v);
                    r = (monday, monday.AddDays(6), tw.End, true); return true;
                }
                case TimeTag.Weekend:
                {
                    // 0: the last Saturday and Sunday begun by publication; -1: the weekend of last week.
                    var sat = v == 0 ? WeekdayBefore(p, 6)!.Value : Monday(p).AddDays(7 * v + 5);
                    r = (sat, sat.AddDays(1), tw.End, true); return true;
                }
                case TimeTag.Month:
                {
                    var first = new DateOnly(p.Year, p.Month, 1).AddMonths(v);
                    r = (first, first.AddMonths(1).AddDays(-1), tw.End, true); return true;
                }
                case TimeTag.EarlierWeek: r = (Monday(p), p, tw.End, true); return true;
                case TimeTag.EarlierMonth: r = (new DateOnly(p.Year, p.Month, 1), p, tw.End, true); return true;
                case TimeTag.EarlierYear: r = (new DateOnly(p.Year, 1, 1), p, tw.End, true); return true;
                case TimeTag.Year: { int y = p.Year + v; r = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), tw.End, true); return true; }
                // "sepekan terakhir": a span of that many days ending at publication.
                case TimeTag.Window: r = (p.AddDays(-v), p, tw.End, true); return true;
                // "in the past 24 hours", "over the past three days", "the past week".
                case TimeTag.Past:
                {
                    int j = tw.End;
                    double n = 1;
                    if (CountAt(a, j, out var cn, out var cEnd)) { n = cn; j = cEnd; }
                    if (!time.StartsAt(j, out var u) || u.Entries.FirstOrDefault(e => e.Time == TimeTag.Unit) is not { } unit) return false;
                    r = (Back(p, n, unit.Value, ceiling: true), p, u.End, true); return true;
                }
            }
            return false;
        }
        // "dua hari lalu", "three days ago", "a week ago", "24 jam terakhir".
        if (pub is { } pa && TryAgo(a, i, pa, out var ago, out var agoTo, out int agoEnd))
        {
            r = (ago, agoTo, agoEnd, true); return true;
        }
        if (tokens[i].Kind == TokenKind.Number)
        {
            // "14-19 September 2020", "6 November 2020", "2 Oktober".
            if (TryDayMonth(a, i, pub, docYear, out var dm, out var dmEnd)) { r = (dm.From, dm.To, dmEnd, false); return true; }
            return false;
        }
        if (months.StartsAt(i, out var m))
        {
            // "October 2, 2018", "Oct. 2", "Oct 2", "September 14-19, 2020", "Jan. 6-8".
            int j = m.End;
            if (a.IsPunct(j, '.')) j++;
            if (j < tokens.Length && tokens[j].Kind == TokenKind.Number && Int(a, j) is { } dd and >= 1 and <= 31 && !a.IsPunct(j + 1, '/'))
            {
                int end = j + 1;
                int d2 = dd;
                if (DayRangeEnd(a, end, dd, afterBetween: false, out var rd, out var rEnd)) { d2 = rd; end = rEnd; }
                int? year = null;
                if (a.IsPunct(end, ',') && Year(a, end + 1) is { } y1) { year = y1; end += 2; }
                else if (Year(a, end) is { } y2) { year = y2; end += 1; }
                if (Resolve(dd, (int)m.Entry.Value, year, pub, docYear) is { } d && Resolve(d2, d.Month, d.Year, null, null) is { } dTo)
                { r = (d, dTo, end, year is null); return true; }
                return false;
            }
            if (!TryMonthYear(a, i, pub, docYear, out var f, out var t, out var e)) return false;
            r = (f, t, e, true);
            return true;
        }
        return false;
    }

    /// <summary>
    /// A calendar period named by a time word after a part-of word: a week, month or year word with an offset ("tahun lalu",
    /// "last month", "pekan ini"), a year ("tahun 2023", "2023"), or a unit alone ("awal tahun", "the start of the year",
    /// "akhir pekan": the last such period begun by publication). <paramref name="unitDays"/> is 7, 30 or 365.
    /// </summary>
    private static bool TryPeriod(AnalyzedText a, int i, DateOnly? pub, out DateOnly from, out DateOnly to, out int unitDays, out int end, out bool relative)
        => TryPeriod(a, i, pub, out from, out to, out unitDays, out end, out relative, out _);

    private static bool TryPeriod(AnalyzedText a, int i, DateOnly? pub, out DateOnly from, out DateOnly to, out int unitDays, out int end, out bool relative, out bool bare)
    {
        from = to = default; unitDays = 0; end = i; relative = true; bare = false;
        if (Year(a, i) is { } y0 && BareYear(a, i) is not null)
        {
            from = new DateOnly(y0, 1, 1); to = new DateOnly(y0, 12, 31); unitDays = 365; end = i + 1; relative = false; return true;
        }
        if (!a[LexKind.Time].StartsAt(i, out var h)) return false;
        if (h.Entries.Any(e => e.Time == TimeTag.YearWord) && BareYear(a, h.End) is { } y1)
        {
            from = new DateOnly(y1, 1, 1); to = new DateOnly(y1, 12, 31); unitDays = 365; end = h.End + 1; relative = false; return true;
        }
        if (pub is not { } p) return false;
        end = h.End;
        foreach (var e in h.Entries)
        {
            int v = (int)e.Value;
            bare = e.Time == TimeTag.Unit;
            switch (e.Time)
            {
                case TimeTag.Week: from = Monday(p).AddDays(7 * v); to = from.AddDays(6); unitDays = 7; return true;
                case TimeTag.Month: from = new DateOnly(p.Year, p.Month, 1).AddMonths(v); to = from.AddMonths(1).AddDays(-1); unitDays = 30; return true;
                case TimeTag.Year: from = new DateOnly(p.Year + v, 1, 1); to = new DateOnly(p.Year + v, 12, 31); unitDays = 365; return true;
                case TimeTag.Unit when v is 7: from = Monday(p); to = from.AddDays(6); unitDays = 7; return true;
                case TimeTag.Unit when v is 30: from = new DateOnly(p.Year, p.Month, 1); to = from.AddMonths(1).AddDays(-1); unitDays = 30; return true;
                case TimeTag.Unit when v is 365: from = new DateOnly(p.Year, 1, 1); to = new DateOnly(p.Year, 12, 31); unitDays = 365; return true;
            }
        }
        return false;
    }

    /// <summary>"September 2020", "Oct. 2023", "Januari lalu", "Mei tahun lalu", "Maret" (the last March not after publication).</summary>
    private static bool TryMonthYear(AnalyzedText a, int i, DateOnly? pub, int? docYear, out DateOnly from, out DateOnly to, out int end)
    {
        from = to = default; end = i;
        if (!a[LexKind.Month].StartsAt(i, out var m)) return false;
        int month = (int)m.Entry.Value;
        end = m.End;
        // "Oct. 2023": the full stop of an abbreviation before a year.
        int yearAt = a.IsPunct(end, '.') && !a.Tokens[end].Is(TokenFlags.SpaceBefore) && Year(a, end + 1) is not null ? end + 1 : end;
        // An abbreviation ("Jan", "Des") is a month only beside a number; alone it may be a name. A short name ("Mac", "Mei",
        // "Juni", "Ogos") alone is a month where the words around it say so ("Mac lalu", "pertengahan Mei", "bulan Ogos", "pada Jun").
        if (m.End - m.Start == 1 && a.Tokens[i].Length <= 4 && Year(a, yearAt) is null && (i == 0 || a.Tokens[i - 1].Kind != TokenKind.Number)
            && !MonthContext(a, i, end)) return false;
        if (Year(a, yearAt) is { } y)
        {
            from = new DateOnly(y, month, 1); to = from.AddMonths(1).AddDays(-1); end = yearAt + 1;
            return true;
        }
        // "Mei tahun lalu", "May last year": the month of the year named.
        if (pub is { } py && a[LexKind.Time].StartsAt(end, out var yh) && yh.Entries.FirstOrDefault(e => e.Time == TimeTag.Year) is { } ye)
        {
            from = new DateOnly(py.Year + (int)ye.Value, month, 1); to = from.AddMonths(1).AddDays(-1); end = yh.End;
            return true;
        }
        bool last = a[LexKind.Time].StartsAt(end, out var l) && l.Entry.Time == TimeTag.Last;
        if (last) end = l.End;
        DateOnly? reference = pub ?? (docYear is { } dy ? new DateOnly(dy, 12, 31) : null);
        if (reference is not { } p) return false;
        (from, to) = MonthBefore(p, month, strictlyBefore: false);
        return true;
    }

    /// <summary>
    /// Words that make a short name a month: a "last" or year word after it ("Mac lalu", "Mei tahun lalu"), a part-of-month,
    /// since/until or unit word before it ("pertengahan Mei", "sejak Jun", "bulan Ogos"), or a preposition before it ("pada Mei", "in May").
    /// </summary>
    private static bool MonthContext(AnalyzedText a, int i, int end)
    {
        if (a[LexKind.Time].StartsAt(end, out var after) && after.Entries.Any(e => e.Time is TimeTag.Last or TimeTag.Year)) return true;
        if (i == 0) return false;
        if (a[LexKind.Time].EndsAt(i, out var before) && before.Entries.Any(e => e.Time is TimeTag.Early or TimeTag.Mid or TimeTag.Late or TimeTag.Since or TimeTag.Until or TimeTag.Unit)) return true;
        return a[LexKind.Syntax].EndsAt(i, out var prep) && prep.HasSyntax(SyntaxRole.Preposition);
    }

    /// <summary>"6 November 2020", "14-19 September 2020", "3 hingga 5 Maret", "between 14 and 19 September", "5th March", "1 Desember".</summary>
    private static bool TryDayMonth(AnalyzedText a, int i, DateOnly? pub, int? docYear, out (DateOnly From, DateOnly To) range, out int end)
    {
        range = default; end = i;
        var tokens = a.Tokens;
        if (i >= tokens.Length || tokens[i].Kind != TokenKind.Number || Int(a, i) is not { } d1 || d1 is < 1 or > 31) return false;
        int j = OrdinalEnd(a, i + 1);
        int d2 = d1;
        bool afterBetween = i > 0 && a[LexKind.Qualifier].EndsAt(i, out var bq) && bq.Entries.Any(e => e.Qualifier == QualifierKind.Between);
        if (DayRangeEnd(a, j, d1, afterBetween, out var dd, out var ddEnd)) { d2 = dd; j = ddEnd; }
        if (!a[LexKind.Month].StartsAt(j, out var m)) return false;
        int month = (int)m.Entry.Value;
        end = m.End;
        if (a.IsPunct(end, '.') && !a.Tokens[end].Is(TokenFlags.SpaceBefore)) end++;
        int? year = Year(a, end);
        if (year is not null) end++;
        if (Resolve(d1, month, year, pub, docYear) is not { } from || Resolve(d2, month, year ?? from.Year, null, null) is not { } to) return false;
        range = (from, to);
        return true;
    }

    /// <summary>
    /// The second day of a range of days after the first: "14-19", "3 hingga 5", "14 to 19", and "14 and 19" after "between"
    /// (without it, "14 and 19" are two days).
    /// </summary>
    private static bool DayRangeEnd(AnalyzedText a, int j, int d1, bool afterBetween, out int d2, out int end)
    {
        d2 = d1; end = j;
        var tokens = a.Tokens;
        int k;
        if (a.IsPunct(j, '-') || a.IsPunct(j, '–')) k = j + 1;
        else if (a[LexKind.Qualifier].StartsAt(j, out var q) && CountFinder.RangeWord(q, afterBetween)) k = q.End;
        else return false;
        if (k >= tokens.Length || tokens[k].Kind != TokenKind.Number || Int(a, k) is not { } dd || dd is < 1 or > 31 || dd <= d1) return false;
        d2 = dd; end = OrdinalEnd(a, k + 1);
        return true;
    }

    /// <summary>After a day's digits, the ordinal suffix written against them ("5th").</summary>
    private static int OrdinalEnd(AnalyzedText a, int j) =>
        j < a.Tokens.Length && !a.Tokens[j].Is(TokenFlags.SpaceBefore) && a[LexKind.Time].StartsAt(j, out var o) && o.Entries.Any(e => e.Time == TimeTag.Ordinal) ? o.End : j;

    /// <summary>"(6/11)", "(6/11/2020)", "6/11/2020" with or without brackets.</summary>
    private static bool TrySlashDate(AnalyzedText a, int i, DateOnly? pub, int? docYear, out DateOnly date, out int end, out bool yearGiven)
    {
        date = default; end = i; yearGiven = false;
        var tokens = a.Tokens;
        int j = i;
        bool bracket = a.IsPunct(j, '(');
        if (bracket) j++;
        if (j + 2 >= tokens.Length || tokens[j].Kind != TokenKind.Number || !a.IsPunct(j + 1, '/') || tokens[j + 2].Kind != TokenKind.Number) return false;
        if (Int(a, j) is not { } d || Int(a, j + 2) is not { } mo || mo is < 1 or > 12 || d is < 1 or > 31) return false;
        int k = j + 3;
        int? year = null;
        if (a.IsPunct(k, '/') && k + 1 < tokens.Length && Int(a, k + 1) is { } y)
        {
            year = y < 100 ? 2000 + y : y;
            k += 2;
        }
        if (bracket)
        {
            if (!a.IsPunct(k, ')')) return false;
            k++;
        }
        if (Resolve(d, mo, year, pub, docYear) is not { } r) return false;
        date = r; end = k; yearGiven = year is not null;
        return true;
    }

    /// <summary>A count before a unit: digits, a number word ("tiga", "three") or an article ("a week ago").</summary>
    private static bool CountAt(AnalyzedText a, int i, out double n, out int end)
    {
        n = 0; end = i;
        if (i >= a.Tokens.Length) return false;
        if (a.Tokens[i].Kind == TokenKind.Number && Int(a, i) is { } v) { n = v; end = i + 1; return true; }
        if (a[LexKind.Number].StartsAt(i, out var nw) && nw.Entries.FirstOrDefault(e => e.NumberKind is NumberWordKind.Unit or NumberWordKind.Article) is { } e)
        {
            n = e.NumberKind == NumberWordKind.Article ? 1 : e.Value; end = nw.End; return true;
        }
        return false;
    }

    /// <summary>
    /// "dua hari lalu", "three days ago", "a week ago": that day. "24 jam terakhir": the span of that length ending at
    /// publication (a unit's value is in days; an hour is 1/24).
    /// </summary>
    private static bool TryAgo(AnalyzedText a, int i, DateOnly pub, out DateOnly from, out DateOnly to, out int end)
    {
        from = to = default; end = i;
        var time = a[LexKind.Time];
        if (!CountAt(a, i, out var n, out var j)) return false;
        if (!time.StartsAt(j, out var unit)) return false;
        double days;
        if (unit.Entries.FirstOrDefault(e => e.Time == TimeTag.Unit) is { } ue && time.StartsAt(unit.End, out var ago) && ago.Entries.Any(e => e.Time is TimeTag.Ago or TimeTag.Last or TimeTag.Recent))
        {
            days = ue.Value;
            end = ago.End;
            if (ago.Entries.Any(e => e.Time == TimeTag.Recent) && !ago.Entries.Any(e => e.Time is TimeTag.Ago or TimeTag.Last))
            {
                from = Back(pub, n, days, ceiling: true); to = pub; return true;
            }
        }
        // "tiga minggu lalu": the unit and "lalu" also make a phrase of their own ("minggu lalu" = last week).
        else if (unit.Entries.FirstOrDefault(e => e.Time is TimeTag.Week or TimeTag.Month or TimeTag.Year && e.Value == -1) is { } last)
        {
            days = last.Time switch { TimeTag.Week => 7, TimeTag.Month => 30, _ => 365 };
            end = unit.End;
        }
        else return false;
        from = to = Back(pub, n, days, ceiling: false);
        return true;
    }

    /// <summary>N units before a date: months and years by the calendar, days (and hours) by count.</summary>
    private static DateOnly Back(DateOnly pub, double n, double days, bool ceiling) => days switch
    {
        30 => pub.AddMonths(-(int)n),
        365 => pub.AddYears(-(int)n),
        _ => pub.AddDays(-(int)(ceiling ? Math.Ceiling(n * days - 1e-9) : n * days)),
    };

    /// <summary>
    /// The token after a part of the day written after a weekday ("Sabtu malam", "Sunday morning", "Kamis sore ini": a
    /// part of today names the weekday's part), or <paramref name="t"/>.
    /// </summary>
    private static int PartOfDayEnd(AnalyzedText a, int t) =>
        t < a.Tokens.Length && a[LexKind.Time].StartsAt(t, out var h) && h.Entries.Any(e => e.Time == TimeTag.PartOfDay || (e.Time == TimeTag.Day && e.Value == 0)) ? h.End : t;

    private static (DateOnly, DateOnly) PartOfMonth(DateOnly from, DateOnly to, TimeTag part) => part switch
    {
        TimeTag.Early => (from, from.AddDays(9)),
        TimeTag.Mid => (from.AddDays(10), from.AddDays(19)),
        _ => (from.AddDays(20), to),
    };

    /// <summary>Thirds of a year, as of a month: January-April, May-August, September-December.</summary>
    private static (DateOnly, DateOnly) PartOfYear(DateOnly first, TimeTag part) => part switch
    {
        TimeTag.Early => (first, first.AddMonths(4).AddDays(-1)),
        TimeTag.Mid => (first.AddMonths(4), first.AddMonths(8).AddDays(-1)),
        _ => (first.AddMonths(8), first.AddMonths(12).AddDays(-1)),
    };

    /// <summary>Parts of a week from its Monday: Monday-Wednesday, Wednesday-Friday, and its end, the weekend.</summary>
    private static (DateOnly, DateOnly) PartOfWeek(DateOnly monday, TimeTag part) => part switch
    {
        TimeTag.Early => (monday, monday.AddDays(2)),
        TimeTag.Mid => (monday.AddDays(2), monday.AddDays(4)),
        _ => (monday.AddDays(5), monday.AddDays(6)),
    };

    private static DateOnly Monday(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    /// <summary>1 = Monday ... 7 = Sunday.</summary>
    private static int DayNumber(DateOnly d) => ((int)d.DayOfWeek + 6) % 7 + 1;

    /// <summary>The last occurrence of a month not after <paramref name="reference"/>.</summary>
    private static (DateOnly, DateOnly) MonthBefore(DateOnly reference, int month, bool strictlyBefore)
    {
        int year = month < reference.Month || (!strictlyBefore && month == reference.Month) ? reference.Year : reference.Year - 1;
        var from = new DateOnly(year, month, 1);
        return (from, from.AddMonths(1).AddDays(-1));
    }

    /// <summary>The last such weekday on or before <paramref name="reference"/> (day: 1 = Monday ... 7 = Sunday).</summary>
    private static DateOnly? WeekdayBefore(DateOnly reference, int day)
    {
        int today = ((int)reference.DayOfWeek + 6) % 7 + 1;
        int back = (today - day + 7) % 7;
        return reference.AddDays(-back);
    }

    /// <summary>A day and month, with the year given, or the year that puts it on or before publication.</summary>
    private static DateOnly? Resolve(int day, int month, int? year, DateOnly? pub, int? docYear)
    {
        int y;
        if (year is { } given) y = given;
        else if (pub is { } p) y = (month > p.Month || (month == p.Month && day > p.Day)) ? p.Year - 1 : p.Year;
        else if (docYear is { } dy) y = dy;
        else return null;
        if (y is < 1900 or > 2100 || day > DateTime.DaysInMonth(y, month)) return null;
        return new DateOnly(y, month, day);
    }

    private static int? Int(AnalyzedText a, int t) =>
        a.Tokens[t].Kind == TokenKind.Number && int.TryParse(a.Span(t), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static int? Year(AnalyzedText a, int t) =>
        t < a.Tokens.Length && a.Tokens[t].Length == 4 && Int(a, t) is { } y and >= 1900 and <= 2100 ? y : null;

    /// <summary>With no publication date: the latest year written in a full date of the document ("7 Oktober 2023",
    /// "September 28, 2018", "6/11/2020").</summary>
    private static int? YearFromDocument(AnalyzedText a)
    {
        int? best = null;
        void Take(int y) => best = best is null ? y : Math.Max(best.Value, y);
        for (int t = 0; t < a.Tokens.Length; t++)
        {
            if (a.Tokens[t].Kind == TokenKind.Number && a.IsPunct(t + 1, '/') && a.IsPunct(t + 3, '/') && t + 4 < a.Tokens.Length && Year(a, t + 4) is { } y)
                Take(y);
            else if (a[LexKind.Month].StartsAt(t, out var m))
            {
                int k = m.End;
                if (a.IsPunct(k, '.')) k++;
                if (Year(a, k) is { } y2) Take(y2);
                else if (k < a.Tokens.Length && Int(a, k) is >= 1 and <= 31 && a.IsPunct(k + 1, ',') && Year(a, k + 2) is { } y3) Take(y3);
            }
        }
        return best;
    }
}
