using System.Globalization;
using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction;

/// <summary>
/// Finds number expressions: digits in either separator convention, number words, vague magnitudes,
/// ranges, qualifiers, and statements of zero. Dates, times, codes, list markers, money and ages are not counts.
/// </summary>
public static class CountFinder
{
    /// <summary>A parsed number; Scale is the multiplier of a scale word written with it ("six hundred": 100), else 1.</summary>
    private readonly record struct NumberValue(double Value, int Start, int End, bool Words, double Scale = 1);

    public static List<CountMention> Find(AnalyzedText a)
    {
        var result = new List<CountMention>();
        var tokens = a.Tokens;
        var numbers = a[LexKind.Number];
        var vague = a[LexKind.Vague];
        var zero = a[LexKind.Zero];

        foreach (var z in zero.Hits)
        {
            result.Add(new CountMention
            {
                Start = z.Start, End = z.End, NumberStart = z.Start, NumberEnd = z.End, Low = 0, High = 0, Approximate = false,
                ZeroCategory = z.Entry.Category, Sentence = a.SentenceOf(z.Start),
            });
        }

        // "Tidak ada warga yang tewas", "no civilians were killed": a negation, then people, then a category word.
        foreach (var neg in a[LexKind.Syntax].Hits)
        {
            if (!neg.HasSyntax(SyntaxRole.Negation) || zero.Covers(neg.Start, out _)) continue;
            int t = neg.End, limit = Math.Min(a.Sentences[a.SentenceOf(neg.Start)].EndToken, neg.End + 5);
            while (t < limit)
            {
                if (a[LexKind.Category].StartsAt(t, out var cue))
                {
                    if (cue.Entry.Strength == CueStrength.Strong && cue.Entry.Category is { } cat)
                        result.Add(new CountMention
                        {
                            Start = neg.Start, End = cue.End, NumberStart = neg.Start, NumberEnd = neg.End, Low = 0, High = 0, Approximate = false,
                            ZeroCategory = cat, Sentence = a.SentenceOf(neg.Start),
                        });
                    break;
                }
                if (a[LexKind.People].StartsAt(t, out var ph)) { t = ph.End; continue; }
                if (a[LexKind.Syntax].StartsAt(t, out var sh) && sh.Entries.Any(e => e.Syntax is SyntaxRole.Relative or SyntaxRole.Filler)) { t = sh.End; continue; }
                if (a[LexKind.Hedge].StartsAt(t, out var hh)) { t = hh.End; continue; }
                break;
            }
        }

        int i = 0;
        while (i < tokens.Length)
        {
            if (zero.Covers(i, out var zh)) { i = zh.End; continue; }
            if (a[LexKind.NotNumber].Covers(i, out var nn)) { i = nn.End; continue; }
            if (vague.StartsAt(i, out var vh))
            {
                var e = vh.Entry;
                int end = vh.End;
                long vhigh = e.High;
                // "puluhan hingga ratusan": a range of two magnitudes.
                if (a[LexKind.Qualifier].StartsAt(end, out var vsep) && vsep.Entries.Any(en => en.Qualifier == QualifierKind.Range)
                    && vague.StartsAt(vsep.End, out var v2) && v2.Entry.High > e.High && SameLine(a, end, v2.End))
                {
                    vhigh = v2.Entry.High;
                    end = v2.End;
                }
                result.Add(new CountMention
                {
                    Start = i, End = end, NumberStart = i, NumberEnd = end, Low = e.Low, High = vhigh, Approximate = true,
                    Vague = true, RestatesFrom = e.RestatesFrom, Sentence = a.SentenceOf(i),
                });
                i = end;
                continue;
            }
            if (!TryNumber(a, i, out var first)) { i++; continue; }

            int exprEnd = first.End;
            long? low, high;
            bool approximate = false;
            int start = first.Start;

            // A range: "10.000–12.000", "10 hingga 12", "between 50 to 70", "seven or eight".
            bool between = PrecededByBetween(a, first.Start, out int betweenStart);
            NumberValue? second = null;
            if (a[LexKind.Qualifier].StartsAt(first.End, out var sep)
                && RangeWord(sep, between)
                && SameLine(a, first.End, sep.End)
                && TryNumber(a, sep.End, out var s2)
                && !FromTo(a, first.Start))
            {
                // "five to six hundred", "antara dua hingga tiga ribu": the scale word applies to both ends.
                if (first.Scale == 1 && s2.Scale > 1 && first.Value * s2.Scale <= s2.Value && first.Value < s2.Value / s2.Scale + 1e-9)
                    first = first with { Value = first.Value * s2.Scale };
                second = s2;
                exprEnd = s2.End;
            }

            if (!IsCount(a, first.Start, exprEnd, first.Words))
            {
                i = exprEnd;
                continue;
            }

            if (second is { } sv)
            {
                if (!(first.Value < sv.Value) || !IsWhole(first.Value) || !IsWhole(sv.Value)) { i = exprEnd; continue; }
                low = (long)Math.Round(first.Value);
                high = (long)Math.Round(sv.Value);
                if (between) start = betweenStart;
                else
                {
                    var (qs, approxQ, _, _) = Prefix(a, first.Start);
                    if (approxQ) { start = qs; approximate = true; }
                }
            }
            else
            {
                if (!IsWhole(first.Value)) { i = exprEnd; continue; }
                long v = (long)Math.Round(first.Value);
                low = high = v;
                var (qs, approxQ, minQ, maxQ) = Prefix(a, first.Start);
                start = qs;
                if (approxQ) approximate = true;
                else if (minQ) high = null;
                else if (maxQ) low = null;
                // Postfix "70 ribu lebih", "600 or more", "600 or so".
                if (a[LexKind.Qualifier].StartsAt(exprEnd, out var post) && post.Entries.FirstOrDefault(en => en.PostPosition && en.Qualifier is QualifierKind.Min or QualifierKind.Approx) is { } pq
                    && SameLine(a, exprEnd, post.End))
                {
                    if (pq.Qualifier == QualifierKind.Min && !approximate) high = null;
                    else if (pq.Qualifier == QualifierKind.Approx) approximate = true;
                    exprEnd = post.End;
                }
                // "1.000-an", "20-odd": that figure and up to the next step of its size.
                else if (a[LexKind.Qualifier].StartsAt(exprEnd, out var ru) && ru.Entries.Any(en => en.PostPosition && en.Qualifier == QualifierKind.RoundUp)
                    && low is { } rl && SameLine(a, exprEnd, ru.End))
                {
                    high = rl + CountRelations.Magnitude(rl) - 1;
                    approximate = true;
                    exprEnd = ru.End;
                }
            }

            result.Add(new CountMention
            {
                Start = start, End = exprEnd, NumberStart = first.Start, NumberEnd = second?.End ?? first.End,
                Low = low, High = high, Approximate = approximate, Sentence = a.SentenceOf(first.Start),
            });
            i = exprEnd;
        }
        result.Sort((x, y) => x.Start.CompareTo(y.Start));
        return result;
    }

    /// <summary>"hingga", "to", "-"; after "between", "and" too. (A method, not a lambda: a lambda capturing
    /// <c>between</c> in the token loop would cost an allocation at every token.)</summary>
    internal static bool RangeWord(Hit sep, bool between)
    {
        foreach (var en in sep.Entries)
            if (en.Qualifier == QualifierKind.Range || (between && en.Qualifier == QualifierKind.And)) return true;
        return false;
    }

    private static bool IsWhole(double v) => Math.Abs(v - Math.Round(v)) < 1e-9 && v >= 0 && v < 1e13;

    private static bool SameLine(AnalyzedText a, int from, int to)
    {
        for (int t = from; t < to && t < a.Tokens.Length; t++)
            if (t > from && a.Tokens[t].Is(TokenFlags.LineStart)) return false;
        return to >= a.Tokens.Length || !a.Tokens[to].Is(TokenFlags.LineStart);
    }

    private static bool PrecededByBetween(AnalyzedText a, int numberStart, out int start)
    {
        start = numberStart;
        if (a[LexKind.Qualifier].EndsAt(numberStart, out var q) && q.Entries.Any(e => e.Qualifier == QualifierKind.Between))
        {
            start = q.Start;
            return true;
        }
        return false;
    }

    /// <summary>The qualifier that stands right before a number, if any.</summary>
    private static (int Start, bool Approx, bool Min, bool Max) Prefix(AnalyzedText a, int numberStart)
    {
        if (!a[LexKind.Qualifier].EndsAt(numberStart, out var q) || a.Tokens[numberStart].Is(TokenFlags.LineStart))
            return (numberStart, false, false, false);
        bool approx = false, min = false, max = false;
        foreach (var e in q.Entries)
        {
            if (!e.PrePosition) continue;
            switch (e.Qualifier)
            {
                case QualifierKind.Approx: approx = true; break;
                case QualifierKind.Min: min = true; break;
                case QualifierKind.Max: max = true; break;
            }
        }
        if (!approx && !min && !max) return (numberStart, false, false, false);
        // "handed over 12 hostages": the word ends a longer cue phrase (a phrasal verb), so it is that verb's, not a bound.
        if (a[LexKind.Category].EndsAt(numberStart, out var verb) && verb.Start < q.Start) return (numberStart, false, false, false);
        // "naik hingga 50", "death toll ... up to 1,234": after a verb of change, "hingga" means "to", not "at most".
        if (max && !approx && !min && ChangeBefore(a, q.Start)) return (numberStart, false, false, false);
        return (q.Start, approx, min, max);
    }

    /// <summary>"rose from 844 to 1,234": an earlier figure and a new one, not a range.</summary>
    private static bool FromTo(AnalyzedText a, int numberStart)
    {
        if (!a[LexKind.Syntax].EndsAt(numberStart, out var h) || !h.HasSyntax(SyntaxRole.Origin)) return false;
        return ChangeBefore(a, h.Start);
    }

    private static bool ChangeBefore(AnalyzedText a, int token)
    {
        int s = a.SentenceOf(Math.Min(token, a.Tokens.Length - 1));
        int from = Math.Max(a.Sentences[s].FirstToken, token - 6);
        foreach (var h in a[LexKind.Syntax].Within(from, token))
            if (h.HasSyntax(SyntaxRole.Change)) return true;
        return false;
    }

    /// <summary>Parses digits (with a scale word after them) or a run of number words starting at token <paramref name="i"/>.</summary>
    private static bool TryNumber(AnalyzedText a, int i, out NumberValue value)
    {
        value = default;
        if (i >= a.Tokens.Length) return false;
        var t = a.Tokens[i];
        var numbers = a[LexKind.Number];
        if (t.Kind == TokenKind.Number)
        {
            bool scaleAfter = numbers.StartsAt(i + 1, out var sc) && sc.Entry.NumberKind == NumberWordKind.Scale && SameLine(a, i + 1, sc.End);
            if (!TryParseDigits(t.Span(a.Text), a.Language.DecimalMark, scaleAfter, out var v)) return false;
            int end = i + 1;
            double scale = 1;
            if (scaleAfter) { v *= sc.Entry.Value; end = sc.End; scale = sc.Entry.Value; }
            value = new NumberValue(v, i, end, false, scale);
            return true;
        }
        if (t.Kind == TokenKind.Word)
        {
            if (numbers.StartsAt(i, out _)) return TryWords(a, i, out value);
            // Hyphenated number words: "twenty-five".
            if (!t.Is(TokenFlags.Hyphenated)) return false;
            var span = t.Span(a.Text);
            int dash = span.IndexOf('-');
            if (dash > 0 && a.Language.NumberWords.GetAlternateLookup<ReadOnlySpan<char>>() is var look
                && look.TryGetValue(span[..dash], out var tens) && look.TryGetValue(span[(dash + 1)..], out var ones)
                && tens.NumberKind == NumberWordKind.Unit && ones.NumberKind == NumberWordKind.Unit && tens.Value >= 20 && ones.Value < 10)
            {
                double v = tens.Value + ones.Value;
                int end = i + 1;
                if (numbers.StartsAt(end, out var sc) && sc.Entry.NumberKind is NumberWordKind.Scale or NumberWordKind.Hundred)
                {
                    v *= sc.Entry.Value; end = sc.End;
                }
                value = new NumberValue(v, i, end, true);
                return true;
            }
        }
        return false;
    }

    /// <summary>Composes number words: "empat ribu tujuh ratus" = 4700, "dua belas" = 12, "one hundred and twenty" = 120.</summary>
    private static bool TryWords(AnalyzedText a, int i, out NumberValue value)
    {
        value = default;
        var numbers = a[LexKind.Number];
        double total = 0, group = 0, last = 0, lastScale = 1;
        bool any = false, lastWasUnit = false, pendingArticle = false;
        int t = i, end = i;
        while (numbers.StartsAt(t, out var h) && (t == i || SameLine(a, t, h.End)))
        {
            var e = h.Entry;
            switch (e.NumberKind)
            {
                case NumberWordKind.Article:
                    // "a"/"an"/"se" count only before a hundred or a scale ("a thousand").
                    if (any || !numbers.StartsAt(h.End, out var nx) || nx.Entry.NumberKind is not (NumberWordKind.Hundred or NumberWordKind.Scale)) goto done;
                    pendingArticle = true; last = 1; group += 1; lastWasUnit = true;
                    break;
                case NumberWordKind.Connector:
                    if (!any || !numbers.StartsAt(h.End, out var after) || after.Entry.NumberKind is NumberWordKind.Connector or NumberWordKind.Article) goto done;
                    t = h.End;
                    continue;
                case NumberWordKind.Unit:
                    // "satu setengah juta": a fraction after a unit adds to it.
                    if (lastWasUnit && !(last >= 20 && last % 10 == 0 && e.Value < 10) && !(last >= 100 && e.Value < 100) && !(last >= 1000 && e.Value < 1000)
                        && !(e.Value < 1 && last >= 1))
                        goto done;
                    group += e.Value; last = e.Value; lastWasUnit = true;
                    break;
                case NumberWordKind.Teen:
                    if (!lastWasUnit || last >= 10) goto done;
                    group += e.Value; last += e.Value; lastWasUnit = false;
                    break;
                case NumberWordKind.Tens:
                    if (!lastWasUnit || last >= 10) goto done;
                    group += last * (e.Value - 1); lastWasUnit = false;
                    break;
                case NumberWordKind.Hundred:
                    if (lastWasUnit && last < 100) group += last * (e.Value - 1);
                    else if (!any) group = e.Value;
                    else goto done;
                    lastWasUnit = false; lastScale = e.Value;
                    break;
                case NumberWordKind.Scale:
                    if (!any && !pendingArticle) goto done;
                    total += (group == 0 ? 1 : group) * e.Value; group = 0; lastWasUnit = false; lastScale = e.Value;
                    break;
                case NumberWordKind.Scale1:
                    if (any) goto done;
                    total += e.Value; lastWasUnit = false;
                    break;
            }
            any = true;
            t = h.End; end = t;
        }
    done:
        if (!any) return false;
        double v = total + group;
        value = new NumberValue(v, i, end, true, v == lastScale * Math.Round(v / lastScale) && v / lastScale < 1000 ? lastScale : 1);
        return end > i;
    }

    /// <summary>
    /// Reads "4.700", "4,700", "1,5", "1.5", "10.000", "1.234.567". A separator followed by exactly three digits
    /// groups thousands, unless it is the language's decimal mark right before a scale word ("1,5 juta", "4,700 juta" stays 4.7 juta in id).
    /// </summary>
    public static bool TryParseDigits(ReadOnlySpan<char> s, char decimalMark, bool scaleAfter, out double value)
    {
        value = 0;
        int seps = 0; char sepChar = '\0'; bool mixed = false; int lastSep = -1;
        for (int k = 0; k < s.Length; k++)
        {
            if (s[k] is '.' or ',')
            {
                if (seps > 0 && s[k] != sepChar) mixed = true;
                sepChar = s[k]; seps++; lastSep = k;
            }
            else if (!char.IsDigit(s[k])) return false;
        }
        if (seps == 0) return double.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

        Span<char> buf = stackalloc char[s.Length];
        int n = 0;
        if (mixed)
        {
            // "1.234,5" / "1,234.5": the last separator is the decimal mark.
            for (int k = 0; k < s.Length; k++)
            {
                if (k == lastSep) buf[n++] = '.';
                else if (char.IsDigit(s[k])) buf[n++] = s[k];
            }
            return double.TryParse(buf[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }

        bool groupsOfThree = true;
        int prev = -1, firstGroup = -1;
        for (int k = 0; k <= s.Length; k++)
        {
            if (k == s.Length || s[k] == sepChar)
            {
                int len = k - prev - 1;
                if (firstGroup < 0) firstGroup = len;
                else if (len != 3) groupsOfThree = false;
                prev = k;
            }
        }
        if (firstGroup is < 1 or > 3) groupsOfThree = false;
        bool thousands = groupsOfThree && !(seps == 1 && scaleAfter && sepChar == decimalMark);
        if (thousands)
        {
            foreach (var ch in s) if (char.IsDigit(ch)) buf[n++] = ch;
            return double.TryParse(buf[..n], NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
        if (seps > 1) return false;
        foreach (var ch in s) buf[n++] = ch == sepChar ? '.' : ch;
        return double.TryParse(buf[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsYear(ReadOnlySpan<char> digits) =>
        digits.Length == 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1800 and <= 2100;

    /// <summary>Whether the tokens before <paramref name="end"/> are a day of a month written month first ("Oct. 7", "September 14-19").</summary>
    private static bool DayAfterMonthEndsAt(AnalyzedText a, int end)
    {
        var tokens = a.Tokens;
        bool IsDay(int t) => t >= 0 && tokens[t].Kind == TokenKind.Number && int.TryParse(tokens[t].Span(a.Text), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 31;
        int p = end - 1;
        if (!IsDay(p)) return false;
        // A range of days: "14-19", "14–19".
        if (p >= 2 && (a.IsPunct(p - 1, '-') || a.IsPunct(p - 1, '–')) && IsDay(p - 2)) p -= 2;
        var months = a[LexKind.Month];
        return months.EndsAt(p, out _) || (p > 0 && a.IsPunct(p - 1, '.') && months.EndsAt(p - 1, out _));
    }

    /// <summary>False for numbers that are dates, times, codes, list markers, ages in brackets or money.</summary>
    private static bool IsCount(AnalyzedText a, int start, int end, bool words)
    {
        var tokens = a.Tokens;
        var months = a[LexKind.Month];
        // "14 Oktober", "Oct. 1", "1 Desember 2024": dates.
        if (months.StartsAt(end, out _) || (end < tokens.Length && a.IsPunct(end, '.') && months.StartsAt(end + 1, out _))) return false;
        if (months.EndsAt(start, out _) || (start > 0 && a.IsPunct(start - 1, '.') && months.EndsAt(start - 1, out _))) return false;
        // "aged 64", "berusia 18 hingga 60", "Rp 5 juta", "US$ 3": a unit written before the number.
        int q = start;
        while (q > 0 && a[LexKind.Qualifier].EndsAt(q, out var qh)) q = qh.Start;
        if (q > 0 && a[LexKind.Unit].EndsAt(q, out var ub) && ub.Entries.Any(e => e.UnitPosition is UnitPosition.Before or UnitPosition.Both)) return false;
        if (words) return true;
        // "RT 03/RW 05", "Korem 061": a figure written with a leading zero is a code.
        var digits = tokens[start].Span(a.Text);
        if (digits.Length > 1 && digits[0] == '0' && char.IsDigit(digits[1])) return false;
        // "October 2, 2018", "Oct. 7, 2023", "September 14-19, 2020": the year of a date written month first.
        if (end - start == 1 && IsYear(digits) && DayAfterMonthEndsAt(a, start > 0 && a.IsPunct(start - 1, ',') ? start - 1 : start)) return false;
        bool hugsPrev = start > 0 && !tokens[start].Is(TokenFlags.SpaceBefore) && !tokens[start].Is(TokenFlags.LineStart);
        bool hugsNext = end < tokens.Length && !tokens[end].Is(TokenFlags.SpaceBefore) && !tokens[end].Is(TokenFlags.LineStart);
        // 23/1, 400/BR, 12:33, 6x24, #2.
        if (hugsNext && tokens[end].Kind == TokenKind.Punct && a.Text[tokens[end].Start] is '/' or ':' or '×' or '\\') return false;
        if (hugsPrev && tokens[start - 1].Kind == TokenKind.Punct && a.Text[tokens[start - 1].Start] is '/' or ':' or '×' or '#' or '$' or '€' or '£' or '¥' or '\\') return false;
        // (49): an age after a name. "Batu Pahat (9,870)": a bigger figure in brackets is a figure (a breakdown), not an age.
        if (start > 0 && a.IsPunct(start - 1, '(') && a.IsPunct(end, ')') && end - start == 1 && digits.Length <= 3) return false;
        // "3. Dua prajurit ...": a list marker at the start of a line.
        if (tokens[start].Is(TokenFlags.LineStart) && (a.IsPunct(end, '.') || a.IsPunct(end, ')')) && end - start == 1) return false;
        return true;
    }
}
