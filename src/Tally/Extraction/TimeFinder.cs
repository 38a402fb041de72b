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
        int i = 0;
        while (i < tokens.Length)
        {
            if (TryAt(a, i, published, docYear, out var te))
            {
                result.Add(te!);
                i = te!.End;
                continue;
            }
            i++;
        }
        return result;
    }

    private static bool TryAt(AnalyzedText a, int i, DateOnly? pub, int? docYear, out TimeExpression? te)
    {
        te = null;
        var tokens = a.Tokens;
        var time = a[LexKind.Time];
        int start = i;
        bool since = false, until = false;
        // "sejak", "hingga", "per", "since", "until", "as of" before a date.
        if (time.StartsAt(i, out var pre) && pre.Entry.Tag is "since" or "until")
        {
            if (!LooksLikeDateAt(a, pre.End)) return false;
            since = pre.Entry.Tag == "since";
            until = pre.Entry.Tag == "until";
            i = pre.End;
        }
        if (!TryCore(a, i, pub, docYear, out var core) || core is null)
        {
            return false;
        }
        var (from, to, end, relative) = core.Value;
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

    private static bool LooksLikeDateAt(AnalyzedText a, int i) =>
        i < a.Tokens.Length && (a.Tokens[i].Kind == TokenKind.Number || a[LexKind.Month].StartsAt(i, out _) || a[LexKind.Weekday].StartsAt(i, out _)
            || a[LexKind.Time].StartsAt(i, out _) || a.IsPunct(i, '('));

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
            int j = wd.End;
            if (j < tokens.Length && IsPartOfDay(a, j)) j++;
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
            if (pub is { } p && WeekdayBefore(p, day) is { } w2)
            {
                int end = wd.End;
                if (end < tokens.Length && IsPartOfDay(a, end)) end++;
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
            var tag = tw.Entry.Tag;
            int v = (int)tw.Entry.Value;
            if (tag == "last" && weekdays.StartsAt(tw.End, out var lw) && pub is { } pl && WeekdayBefore(pl.AddDays(-1), (int)lw.Entry.Value) is { } lwd)
            {
                r = (lwd, lwd, lw.End, true); return true;
            }
            if (tag == "last" && months.StartsAt(tw.End, out var lm) && pub is { } plm)
            {
                var (f, t) = MonthBefore(plm, (int)lm.Entry.Value, strictlyBefore: false);
                r = (f, t, lm.End, true); return true;
            }
            if (tag is "early" or "mid" or "late" && months.StartsAt(tw.End, out var pm))
            {
                if (!TryMonthYear(a, pm.Start, pub, docYear, out var mf, out var mt, out var mEnd)) return false;
                var (pf, pt) = PartOfMonth(mf, mt, tag);
                r = (pf, pt, mEnd, false); return true;
            }
            if (tag == "mid_month" && pub is { } pmm)
            {
                var (f, t) = MonthBefore(pmm, v, strictlyBefore: false);
                var (pf, pt) = PartOfMonth(f, t, "mid");
                r = (pf, pt, tw.End, true); return true;
            }
            // "tahun 2022": the word may also be a unit ("tahun" = year, "dua tahun lalu"), so every entry of the phrase is asked.
            if (tw.Entries.Any(e => e.Tag == "year_word") && tw.End < a.Tokens.Length && a.Tokens[tw.End].Kind == TokenKind.Number && Year(a, tw.End) is { } yw)
            {
                r = (new DateOnly(yw, 1, 1), new DateOnly(yw, 12, 31), tw.End + 1, false); return true;
            }
            if (pub is not { } p) return false;
            switch (tag)
            {
                case "day": { var d = p.AddDays(v); r = (d, d, tw.End, true); return true; }
                case "now": r = (p, p, tw.End, true); return true;
                case "week":
                {
                    var monday = p.AddDays(-(((int)p.DayOfWeek + 6) % 7)).AddDays(7 * v);
                    r = (monday, monday.AddDays(6), tw.End, true); return true;
                }
                case "month":
                {
                    var first = new DateOnly(p.Year, p.Month, 1).AddMonths(v);
                    r = (first, first.AddMonths(1).AddDays(-1), tw.End, true); return true;
                }
                case "earlier_month": r = (new DateOnly(p.Year, p.Month, 1), p, tw.End, true); return true;
                case "year": { int y = p.Year + v; r = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), tw.End, true); return true; }
            }
            return false;
        }
        // "dua hari lalu", "three days ago".
        if (pub is { } pa && TryAgo(a, i, pa, out var ago, out int agoEnd))
        {
            r = (ago, ago, agoEnd, true); return true;
        }
        if (tokens[i].Kind == TokenKind.Number)
        {
            // "14-19 September 2020", "6 November 2020", "2 Oktober".
            if (TryDayMonth(a, i, pub, docYear, out var dm, out var dmEnd)) { r = (dm.From, dm.To, dmEnd, false); return true; }
            return false;
        }
        if (months.StartsAt(i, out var m))
        {
            // "October 2, 2018", "Oct. 2", "Oct 2".
            int j = m.End;
            if (a.IsPunct(j, '.')) j++;
            if (j < tokens.Length && tokens[j].Kind == TokenKind.Number && Int(a, j) is { } dd and >= 1 and <= 31 && !a.IsPunct(j + 1, '/'))
            {
                int end = j + 1;
                int? year = null;
                if (a.IsPunct(end, ',') && Year(a, end + 1) is { } y1) { year = y1; end += 2; }
                else if (Year(a, end) is { } y2) { year = y2; end += 1; }
                if (Resolve(dd, (int)m.Entry.Value, year, pub, docYear) is { } d) { r = (d, d, end, year is null); return true; }
                return false;
            }
            if (!TryMonthYear(a, i, pub, docYear, out var f, out var t, out var e)) return false;
            r = (f, t, e, true);
            return true;
        }
        return false;
    }

    /// <summary>"September 2020", "Januari lalu", "Maret" (the last March not after publication).</summary>
    private static bool TryMonthYear(AnalyzedText a, int i, DateOnly? pub, int? docYear, out DateOnly from, out DateOnly to, out int end)
    {
        from = to = default; end = i;
        if (!a[LexKind.Month].StartsAt(i, out var m)) return false;
        int month = (int)m.Entry.Value;
        end = m.End;
        // An abbreviation ("Jan", "Des") is a month only beside a number; alone it may be a name. A short name ("Mac", "Mei",
        // "Juni", "Ogos") alone is a month where the words around it say so ("Mac lalu", "pertengahan Mei", "bulan Ogos", "pada Jun").
        if (m.End - m.Start == 1 && a.Tokens[i].Length <= 4 && Year(a, end) is null && (i == 0 || a.Tokens[i - 1].Kind != TokenKind.Number)
            && !MonthContext(a, i, end)) return false;
        if (Year(a, end) is { } y)
        {
            from = new DateOnly(y, month, 1); to = from.AddMonths(1).AddDays(-1); end++;
            return true;
        }
        bool last = a[LexKind.Time].StartsAt(end, out var l) && l.Entry.Tag == "last";
        if (last) end = l.End;
        DateOnly? reference = pub ?? (docYear is { } dy ? new DateOnly(dy, 12, 31) : null);
        if (reference is not { } p) return false;
        (from, to) = MonthBefore(p, month, strictlyBefore: false);
        return true;
    }

    /// <summary>
    /// Words that make a short name a month: a "last" word after it ("Mac lalu"), a part-of-month, since/until or unit word
    /// before it ("pertengahan Mei", "sejak Jun", "bulan Ogos"), or a preposition before it ("pada Mei", "in May").
    /// </summary>
    private static bool MonthContext(AnalyzedText a, int i, int end)
    {
        if (a[LexKind.Time].StartsAt(end, out var after) && after.Entries.Any(e => e.Tag == "last")) return true;
        if (i == 0) return false;
        if (a[LexKind.Time].EndsAt(i, out var before) && before.Entries.Any(e => e.Tag is "early" or "mid" or "late" or "since" or "until" or "unit")) return true;
        return a[LexKind.Syntax].EndsAt(i, out var prep) && prep.Entries.Any(e => e.Syntax == SyntaxRole.Preposition);
    }

    /// <summary>"6 November 2020", "14-19 September 2020", "1 Desember".</summary>
    private static bool TryDayMonth(AnalyzedText a, int i, DateOnly? pub, int? docYear, out (DateOnly From, DateOnly To) range, out int end)
    {
        range = default; end = i;
        var tokens = a.Tokens;
        if (i >= tokens.Length || tokens[i].Kind != TokenKind.Number || Int(a, i) is not { } d1 || d1 is < 1 or > 31) return false;
        int j = i + 1;
        int d2 = d1;
        if (j + 1 < tokens.Length && (a.IsPunct(j, '-') || a.IsPunct(j, '–')) && tokens[j + 1].Kind == TokenKind.Number && Int(a, j + 1) is { } dd and >= 1 and <= 31 && dd > d1)
        {
            d2 = dd; j += 2;
        }
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

    private static bool TryAgo(AnalyzedText a, int i, DateOnly pub, out DateOnly date, out int end)
    {
        date = default; end = i;
        var time = a[LexKind.Time];
        var numbers = a[LexKind.Number];
        double n;
        int j;
        if (a.Tokens[i].Kind == TokenKind.Number && Int(a, i) is { } v) { n = v; j = i + 1; }
        else if (numbers.StartsAt(i, out var nw) && nw.Entry.NumberKind == NumberWordKind.Unit) { n = nw.Entry.Value; j = nw.End; }
        else return false;
        if (!time.StartsAt(j, out var unit)) return false;
        int days;
        if (unit.Entry.Tag == "unit")
        {
            if (!time.StartsAt(unit.End, out var ago) || ago.Entry.Tag is not ("ago" or "last")) return false;
            days = (int)unit.Entry.Value;
            end = ago.End;
        }
        // "tiga minggu lalu": the unit and "lalu" also make a phrase of their own ("minggu lalu" = last week).
        else if (unit.Entries.FirstOrDefault(e => e.Tag is "week" or "month" or "year" && e.Value == -1) is { } last)
        {
            days = last.Tag switch { "week" => 7, "month" => 30, _ => 365 };
            end = unit.End;
        }
        else return false;
        date = days switch
        {
            30 => pub.AddMonths(-(int)n),
            365 => pub.AddYears(-(int)n),
            _ => pub.AddDays(-(int)(n * days)),
        };
        return true;
    }

    private static bool IsPartOfDay(AnalyzedText a, int t)
    {
        var s = a.Span(t);
        return s.Equals("pagi", StringComparison.OrdinalIgnoreCase) || s.Equals("siang", StringComparison.OrdinalIgnoreCase)
            || s.Equals("sore", StringComparison.OrdinalIgnoreCase) || s.Equals("malam", StringComparison.OrdinalIgnoreCase)
            || s.Equals("petang", StringComparison.OrdinalIgnoreCase) || s.Equals("morning", StringComparison.OrdinalIgnoreCase)
            || s.Equals("night", StringComparison.OrdinalIgnoreCase) || s.Equals("evening", StringComparison.OrdinalIgnoreCase)
            || s.Equals("afternoon", StringComparison.OrdinalIgnoreCase);
    }

    private static (DateOnly, DateOnly) PartOfMonth(DateOnly from, DateOnly to, string part) => part switch
    {
        "early" => (from, from.AddDays(9)),
        "mid" => (from.AddDays(10), from.AddDays(19)),
        _ => (from.AddDays(20), to),
    };

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

    /// <summary>1 = Monday ... 7 = Sunday.</summary>
    private static int DayNumber(DateOnly d) => ((int)d.DayOfWeek + 6) % 7 + 1;

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
