using System.Globalization;
using Tally.Languages;
using Tally.Text;

namespace Tally.Extraction;

// The pieces the date forms are built of: periods after a part-of word, month and year, day and month, slash dates,
// counts and "ago", and the calendar arithmetic that resolves them.
public static partial class TimeFinder
{
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
        return a.AfterPreposition(i);
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
