using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Tally.Languages;

namespace Tally.Documents;

/// <summary>What a clutter rule removes when its pattern matches a line.</summary>
public enum ClutterReach
{
    /// <summary>The whole line ("ADVERTISEMENT", "Baca juga: ...").</summary>
    Line,
    /// <summary>From the match to the end of the line ("... Baca selengkapnya: ...").</summary>
    Tail,
    /// <summary>The whole line, only in the lead: before the first line of 100 characters or more (date stamps, bylines, "1 minit bacaan").</summary>
    Lead,
    /// <summary>The line and the short headline-like lines that follow it (a "Baca Juga" heading and its links).</summary>
    Block,
    /// <summary>The line and everything after it, when at least half of the text comes before it ("Berita Terkait", a comment form).</summary>
    Rest,
}

/// <summary>One clutter rule: a case-insensitive pattern over a trimmed line, and what it removes.</summary>
public sealed record CleanerRule(Regex Pattern, ClutterReach Reach, string Source);

/// <summary>
/// Removes page clutter ("Baca juga: ...", "ADVERTISEMENT", "Scroll to Top", share prompts, comment forms, bylines,
/// photo credits, a leading date stamp) line by line, with the rules of every language folder's clutter.tsv (an English
/// page may carry Indonesian furniture and the other way round; a folder whose language pack is not complete still
/// lends its clutter rules). A line repeated right after itself (a caption shown twice) is kept once. Before that,
/// characters that do not show are settled (<see cref="Invisibles"/>): numbers are read as they look.
/// The result is the text every offset refers to.
/// </summary>
public sealed class TextCleaner
{
    private const int LeadParagraph = 100, LeadMaxLines = 20, BlockMaxLines = 10, BlockLineMax = 120, MaxClutterLine = 400;

    private readonly CleanerRule[] _rules;
    // Alternations per reach (one, or a few when the rules are many): a line is matched once per alternation, not once
    // per rule.
    private readonly Dictionary<ClutterReach, Regex[]> _combined;

    public TextCleaner(IEnumerable<CleanerRule> rules)
    {
        _rules = rules.ToArray();
        // Whole-line rules are anchored at the start (every row begins with ^), so the alternation is too: the engine
        // tries a line once instead of at every position. The patterns are the project's own data, run over lines of
        // bounded length, so they carry no match timeout (its checks cost more than the matching).
        // The non-backtracking engine reads a line once whatever the number of rules, where the backtracking one tries
        // every rule in turn (and, for tail rules, at every letter that can open one); a pattern it cannot run
        // (lookarounds, backreferences) sends its reach back to the compiled backtracking engine.
        _combined = _rules.GroupBy(r => r.Reach).ToDictionary(g => g.Key,
            g => Combine(g.Select(r => r.Pattern.ToString()).ToArray(), anchored: g.Key != ClutterReach.Tail).ToArray());
    }

    /// <summary>
    /// The patterns as few alternations as the non-backtracking engine takes (it refuses an automaton beyond its size
    /// limit: the rules are then split in halves); a single pattern it cannot run at all goes to the compiled engine.
    /// </summary>
    private static IEnumerable<Regex> Combine(ReadOnlySpan<string> patterns, bool anchored)
    {
        const RegexOptions common = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
        var alternation = (anchored ? "^" : "") + "(?:" + string.Join("|", patterns.ToArray().Select(p => "(?:" + p + ")")) + ")";
        Regex? one = null;
        try { one = new Regex(alternation, common | RegexOptions.NonBacktracking); }
        catch (NotSupportedException) when (patterns.Length > 1) { }
        catch (NotSupportedException) { one = new Regex(alternation, common | RegexOptions.Compiled); }
        if (one is not null) return [one];
        int half = patterns.Length / 2;
        return [.. Combine(patterns[..half], anchored), .. Combine(patterns[half..], anchored)];
    }

    /// <summary>The clutter rules of the given packs' folders.</summary>
    public TextCleaner(IEnumerable<LanguagePack> packs) : this(packs.SelectMany(p => LoadRules(p.Code))) { }

    private static readonly Lazy<TextCleaner> All = new(() => new(LanguageFolders().SelectMany(LoadRules)), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The cleaner with the clutter rules of every folder under data/lang (built once; cleaners are immutable).</summary>
    public static TextCleaner ForAllLanguages() => All.Value;

    public IReadOnlyList<CleanerRule> Rules => _rules;

    /// <summary>Every folder under data/lang (complete packs or not), by code.</summary>
    public static IReadOnlyList<string> LanguageFolders() => DataFiles.List("data/lang/")
        .Select(n => n["data/lang/".Length..].Split('/')[0]).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The rules of data/lang/&lt;code&gt;/clutter.tsv: a pattern and a reach (line, tail, lead, block, rest) per row.
    /// Every pattern but a tail's must start with ^ (it describes a whole line).
    /// </summary>
    public static IEnumerable<CleanerRule> LoadRules(string code)
    {
        var file = $"data/lang/{code}/clutter.tsv";
        foreach (var row in DataFiles.Rows(file, optional: true))
        {
            var reach = row[1].ToLowerInvariant() switch
            {
                "" or "line" => ClutterReach.Line,
                "tail" => ClutterReach.Tail,
                "lead" => ClutterReach.Lead,
                "block" => ClutterReach.Block,
                "rest" => ClutterReach.Rest,
                var other => throw row.Error($"scope '{other}' is not one of line, tail, lead, block, rest"),
            };
            if (reach != ClutterReach.Tail && !row[0].StartsWith('^')) throw row.Error("a whole-line pattern must start with ^");
            Regex re;
            try { re = new Regex(row[0], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
            catch (ArgumentException e) { throw row.Error("bad pattern: " + e.Message); }
            yield return new CleanerRule(re, reach, $"{file}:{row.Line}");
        }
    }

    /// <summary>A title: one line, without the lead-only rules (a one-word title is a title, not a section label).</summary>
    public string CleanTitle(string title)
    {
        var line = Invisibles(title).ReplaceLineEndings(" ").Trim();
        if (line.Length == 0 || Strongest(line, inLead: false) is not null) return "";
        return CutTail(line).Trim();
    }

    public string Clean(string body)
    {
        body = Invisibles(body);
        var lines = body.Split('\n');
        var kept = new string?[lines.Length];
        int total = 0;
        foreach (var l in lines) total += l.Trim().Length;

        // The lead: the lines before the first real paragraph.
        int leadEnd = lines.Length, nonEmpty = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var t = lines[i].Trim();
            if (t.Length == 0) continue;
            if (t.Length >= LeadParagraph || ++nonEmpty > LeadMaxLines) { leadEnd = i; break; }
        }

        int before = 0;
        string? previous = null;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var trimmed = line.Trim();
            if (trimmed.Length == 0) { kept[i] = ""; continue; }
            var reach = Strongest(trimmed, i < leadEnd);
            if (reach == ClutterReach.Rest && before * 2 >= total) break;
            if (reach == ClutterReach.Block)
            {
                int j = i + 1, taken = 0;
                for (; j < lines.Length && taken < BlockMaxLines; j++)
                {
                    var next = lines[j].Trim();
                    if (next.Length == 0) continue;
                    if (next.Length > BlockLineMax || EndsSentence(next) || Strongest(next, false) is not null) break;
                    taken++;
                }
                // Skip the heading and the link lines under it (blank lines among them stay, and collapse below).
                for (int k = i + 1; k < j; k++) if (lines[k].Trim().Length > 0) lines[k] = "";
                before += trimmed.Length;
                continue;
            }
            if (reach is not null) { before += trimmed.Length; continue; }

            line = CutTail(line);
            before += trimmed.Length;
            var kept1 = line.TrimStart(' ', '\t');
            if (kept1.Length == 0) continue;
            if (previous is not null && string.Equals(previous, kept1, StringComparison.OrdinalIgnoreCase)) continue;
            kept[i] = kept1;
            previous = kept1;
        }

        var sb = new StringBuilder(body.Length);
        bool lastBlank = true;
        foreach (var k in kept)
        {
            if (k is null) continue;
            bool blank = k.Length == 0;
            if (blank && lastBlank) continue;
            sb.Append(k).Append('\n');
            lastBlank = blank;
        }
        while (sb.Length > 0 && char.IsWhiteSpace(sb[^1])) sb.Length--;
        return sb.ToString();
    }

    private string CutTail(string line)
    {
        // Cut at the earliest tail rule that matches, until none does.
        if (!_combined.TryGetValue(ClutterReach.Tail, out var tails)) return line;
        while (true)
        {
            int cut = -1;
            foreach (var tail in tails)
                if (tail.Match(line) is { Success: true } m && (cut < 0 || m.Index < cut)) cut = m.Index;
            if (cut < 0) return line;
            line = line[..cut].TrimEnd();
        }
    }

    private static readonly ClutterReach[] ReachOrder = [ClutterReach.Rest, ClutterReach.Block, ClutterReach.Line, ClutterReach.Lead];

    /// <summary>The widest reach among the whole-line rules that match (lead rules only in the lead); null if none.</summary>
    private ClutterReach? Strongest(string trimmed, bool inLead)
    {
        // Page furniture is short; a long line is prose (and matching every rule against it would cost the most).
        if (trimmed.Length > MaxClutterLine) return null;
        foreach (var reach in ReachOrder)
        {
            if (reach == ClutterReach.Lead && !inLead) continue;
            if (_combined.TryGetValue(reach, out var res) && res.Any(re => re.IsMatch(trimmed))) return reach;
        }
        return null;
    }

    // Bidirectional marks and embeddings: LRM, RLM, ALM, LRE..RLO, LRI..PDI.
    private const string BidiMarks = "\u200E\u200F\u061C\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
    // Zero-width space, non-joiner, joiner, word joiner, and the byte-order mark inside a text (zero-width no-break space).
    private const string ZeroWidth = "\u200B\u200C\u200D\u2060\uFEFF";
    // Spaces that separate digit groups in print: no-break space, narrow no-break space, thin space.
    private const string GroupSpaces = "\u00A0\u202F\u2009";
    private static readonly SearchValues<char> InvisibleOrGroupSpace = SearchValues.Create(BidiMarks + ZeroWidth + GroupSpaces);

    /// <summary>
    /// The text with what does not show settled, in one pass: bidirectional marks (U+200E, U+200F, U+061C, embeddings
    /// and isolates) go everywhere; zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF) go between two
    /// digits ("1\u200B4" is 14); a no-break, narrow no-break or thin space between a group of one to three digits and
    /// a group of exactly three is a thousands separator and goes ("1\u00A0400" is 1400, "12\u202F000\u202F000" is
    /// 12000000; a year "2024\u00A0100" and "1\u00A01234" stay apart). Every other character is kept, so a text without
    /// these characters comes back as it is (the same string).
    /// </summary>
    public static string Invisibles(string text)
    {
        int first = text.AsSpan().IndexOfAny(InvisibleOrGroupSpace);
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, first);
        int lastSeparator = -1; // where the last space taken as a group separator was
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (BidiMarks.Contains(c)) continue;
            if (ZeroWidth.Contains(c))
            {
                // A run of zero-width characters (and bidi marks) between two digits is no character at all.
                int j = i;
                while (j < text.Length && (ZeroWidth.Contains(text[j]) || BidiMarks.Contains(text[j]))) j++;
                if (sb.Length > 0 && char.IsAsciiDigit(sb[^1]) && j < text.Length && char.IsAsciiDigit(text[j])) { i = j - 1; continue; }
                sb.Append(c);
                continue;
            }
            if (GroupSpaces.Contains(c) && IsGroupSeparator(text, i, lastSeparator)) { lastSeparator = i; continue; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Is the space at <paramref name="i"/> between digit groups: exactly three digits after it (then no digit), and
    /// before it one to three digits that start the number, or three digits after the last separator
    /// (<paramref name="lastSeparator"/>)? Looks at most four characters either way.
    /// </summary>
    private static bool IsGroupSeparator(string text, int i, int lastSeparator)
    {
        for (int k = 1; k <= 3; k++) if (i + k >= text.Length || !char.IsAsciiDigit(text[i + k])) return false;
        if (i + 4 < text.Length && char.IsAsciiDigit(text[i + 4])) return false;
        int before = 0;
        while (before < 4 && i - before - 1 >= 0 && char.IsAsciiDigit(text[i - before - 1])) before++;
        if (before is 0 or 4) return false;
        int lead = i - before - 1;
        if (lead < 0) return true;
        // A group after a separator is three digits.
        if (lead == lastSeparator) return before == 3;
        // The digits must start the number: not "1.5\u00A0000", "v1\u00A0000".
        char p = text[lead];
        return !(p is '.' or ',' || char.IsLetter(p));
    }

    private static bool EndsSentence(string line) => line[^1] is '.' or '!' or '?' or '"' or '”' or '’' or ':' or ';' or '…';
}
