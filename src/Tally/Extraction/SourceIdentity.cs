using System.Collections.Frozen;
using Tally.Languages;
using Tally.Model;

namespace Tally.Extraction;

/// <summary>When two source descriptions name the same speaker, and the key that groups a speaker's series of figures.</summary>
public static class SourceIdentity
{
    /// <summary>
    /// Two descriptions of one speaker share a name word or a distinctive word ("Kapolri" / "Kapolri Jenderal Listyo
    /// Sigit Prabowo", "a witness and BBC Burmese" / "the witness and media"). Two different speakers share none.
    /// </summary>
    public static bool Same(Source a, Source b)
    {
        if (string.Equals(a.Text, b.Text, StringComparison.OrdinalIgnoreCase)) return true;
        // The same kind of body of the same country (the UN as "PBB" and as "OCHA"; the police chief and the police).
        if (a.Kind == b.Kind && a.Kind != SourceKind.Unspecified && a.Country == b.Country) return true;
        return ShareWord(a.Text, b.Text);
    }

    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create(" ,().\"'’“”");

    /// <summary>A distinctive word of <paramref name="a"/> (three letters at least) is a word of <paramref name="b"/> too.</summary>
    private static bool ShareWord(string a, string b)
    {
        var weak = Weak.Value.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var x = a.AsSpan(); NextWord(ref x, out var wa);)
        {
            if (wa.Length < 3 || weak.Contains(wa)) continue;
            for (var y = b.AsSpan(); NextWord(ref y, out var wb);)
                if (wb.Equals(wa, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>The next word of <paramref name="rest"/> (between separators), and what follows it.</summary>
    private static bool NextWord(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> word)
    {
        while (true)
        {
            if (rest.IsEmpty) { word = default; return false; }
            int end = rest.IndexOfAny(Separators);
            if (end < 0) end = rest.Length;
            word = rest[..end];
            rest = end < rest.Length ? rest[(end + 1)..] : default;
            if (!word.IsEmpty) return true;
        }
    }

    // Words that do not tell speakers apart, from every language's nondistinctive.tsv (a syndicated story keeps its
    // speaker's description when translated, so the words of all languages count).
    private static readonly Lazy<FrozenSet<string>> Weak = new(() => LanguageRegistry.Default.Codes
        .SelectMany(c => LanguageRegistry.Default.Get(c).NonDistinctive).ToFrozenSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>The distinctive words of a description (as <see cref="ShareWord"/> reads them), in lower case.</summary>
    private static HashSet<string> Words(string s)
    {
        var weak = Weak.Value.GetAlternateLookup<ReadOnlySpan<char>>();
        var words = new HashSet<string>(StringComparer.Ordinal);
        for (var rest = s.AsSpan(); NextWord(ref rest, out var w);)
            if (w.Length >= 3 && !weak.Contains(w)) words.Add(w.ToString().ToLowerInvariant());
        return words;
    }

    /// <summary>
    /// The series a speaker's figures belong to: the person's name when given, else the description without its
    /// articles and titles ("Kapolri Jenderal Listyo Sigit Prabowo" and "Listyo" both → "listyo sigit prabowo" / "listyo").
    /// </summary>
    public static string Key(Source? s)
    {
        if (s is null) return "";
        if (s.Name is { Length: > 0 } n) return n.ToLowerInvariant();
        var words = Words(s.Text);
        return words.Count == 0 ? s.Text.ToLowerInvariant() : string.Join(' ', words.Order(StringComparer.Ordinal));
    }
}
