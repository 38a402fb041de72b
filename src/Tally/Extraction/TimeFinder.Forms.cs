using Tally.Languages;
using Tally.Text;

namespace Tally.Extraction;

// The forms of a time expression, one method each; TryCore (TimeFinder.cs) tries them in order. Each gives the period
// (From, To), the token after it (End) and whether it was resolved from the publication date (Relative).
public static partial class TimeFinder
{
    /// <summary>
    /// Weekday, optionally with a part of day and a date: "Jumat (6/11/2020) siang", "Kamis, 21 Juni 2018", "Selasa sore (27/7)".
    /// </summary>
    private static bool TryWeekday(AnalyzedText a, Hit wd, DateOnly? pub, int? docYear, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        r = null;
        var tokens = a.Tokens;
        var time = a[LexKind.Time];
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
        // A weekday's name inside a person's name ("Norazam Khamis") is no date; after an acronym ("data BPBD Sabtu") or
        // with a part of the day ("Sabtu pagi") it is one.
        if (wd.Start > 0 && tokens[wd.Start - 1].Kind == TokenKind.Word && tokens[wd.Start - 1].Is(TokenFlags.Capitalized)
            && !tokens[wd.Start - 1].Is(TokenFlags.AllCaps) && PartOfDayEnd(a, wd.End) == wd.End
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

    /// <summary>A date in brackets: "(30/10)", "(23/1/2025)".</summary>
    private static bool TryBracketDate(AnalyzedText a, int i, DateOnly? pub, int? docYear, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        r = null;
        if (!TrySlashDate(a, i, pub, docYear, out var d0, out int e0, out _)) return false;
        r = (d0, d0, e0, false);
        return true;
    }

    /// <summary>
    /// A time word and what it governs, by its tag: "last Monday", "last October"; a part of a month or period ("awal
    /// Januari", "akhir tahun lalu"); "mid-October"; a half or quarter of a year; a year word ("tahun 2022", "the 2004
    /// tsunami"); else a word resolved against publication ("kemarin", "pekan lalu", "the past three days").
    /// </summary>
    private static bool TryTimeWord(AnalyzedText a, Hit tw, DateOnly? pub, int? docYear, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        var tag = tw.Entry.Time;
        if (tag == TimeTag.Last && TryLastWeekdayOrMonth(a, tw, pub, out r)) return true;
        if (tag is TimeTag.Early or TimeTag.Mid or TimeTag.Late) return TryPartOf(a, tw, pub, docYear, out r);
        if (tag == TimeTag.MidMonth) return TryMidMonth(a, tw, pub, out r);
        if (tag is TimeTag.Half or TimeTag.Quarter) return TryHalfOrQuarter(a, tw, pub, out r);
        if (TryYearWord(a, tw, out r)) return true;
        return TryRelativeWord(a, tw, pub, out r);
    }

    /// <summary>"last Monday" (the Monday before publication's day); "last October" (the October before the publication's month).</summary>
    private static bool TryLastWeekdayOrMonth(AnalyzedText a, Hit tw, DateOnly? pub, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        r = null;
        var tag = tw.Entry.Time;
        var months = a[LexKind.Month];
        var weekdays = a[LexKind.Weekday];
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
        return false;
    }

    /// <summary>The early, middle or late part of a month ("awal Januari", "mid-March 2020") or of a period ("akhir tahun lalu").</summary>
    private static bool TryPartOf(AnalyzedText a, Hit tw, DateOnly? pub, int? docYear, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        r = null;
        var tag = tw.Entry.Time;
        var months = a[LexKind.Month];
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

    /// <summary>One word for the middle of a month ("mid-October"), with a year or else the last such month by publication.</summary>
    private static bool TryMidMonth(AnalyzedText a, Hit tw, DateOnly? pub, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        r = null;
        int v = (int)tw.Entry.Value;
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

    /// <summary>"the first half of 2023", "semester pertama tahun ini", "the third quarter of last year".</summary>
    private static bool TryHalfOrQuarter(AnalyzedText a, Hit tw, DateOnly? pub, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        r = null;
        var tag = tw.Entry.Time;
        int v = (int)tw.Entry.Value;
        if (!TryPeriod(a, tw.End, pub, out var yf, out _, out var ud, out var yEnd, out bool rel) || ud != 365) return false;
        int months0 = tag == TimeTag.Half ? 6 : 3;
        var f = yf.AddMonths(months0 * (v - 1));
        r = (f, f.AddMonths(months0).AddDays(-1), yEnd, rel); return true;
    }

    /// <summary>A year after a year word ("tahun 2022", "in 2019") or before a noun ("the 2004 tsunami").</summary>
    private static bool TryYearWord(AnalyzedText a, Hit tw, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        r = null;
        var tokens = a.Tokens;
        var tag = tw.Entry.Time;
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
        return false;
    }

    /// <summary>A word resolved against publication: a day ("kemarin"), now, a week, weekend, month or year with an
    /// offset ("pekan lalu", "tahun ini"), the part of one so far ("earlier this month"), a window ("sepekan terakhir"),
    /// "the past N days".</summary>
    private static bool TryRelativeWord(AnalyzedText a, Hit tw, DateOnly? pub, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        r = null;
        var tag = tw.Entry.Time;
        int v = (int)tw.Entry.Value;
        var time = a[LexKind.Time];
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

    /// <summary>"dua hari lalu", "three days ago", "a week ago", "24 jam terakhir".</summary>
    private static bool TryCountAgo(AnalyzedText a, int i, DateOnly? pub, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        r = null;
        if (pub is not { } pa || !TryAgo(a, i, pa, out var ago, out var agoTo, out int agoEnd)) return false;
        r = (ago, agoTo, agoEnd, true);
        return true;
    }

    /// <summary>A day first: "14-19 September 2020", "6 November 2020", "2 Oktober".</summary>
    private static bool TryDayMonthYear(AnalyzedText a, int i, DateOnly? pub, int? docYear, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        r = null;
        if (TryDayMonth(a, i, pub, docYear, out var dm, out var dmEnd)) { r = (dm.From, dm.To, dmEnd, false); return true; }
        return false;
    }

    /// <summary>A month first: "October 2, 2018", "Oct. 2", "September 14-19, 2020", "Jan. 6-8"; else a month and year
    /// ("September 2020", "Januari lalu").</summary>
    private static bool TryMonthFirst(AnalyzedText a, Hit m, DateOnly? pub, int? docYear, out (DateOnly From, DateOnly To, int End, bool Relative)? r)
    {
        r = null;
        var tokens = a.Tokens;
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
        if (!TryMonthYear(a, m.Start, pub, docYear, out var f, out var t, out var e)) return false;
        r = (f, t, e, true);
        return true;
    }
}
