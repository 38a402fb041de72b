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
        var x = Words(a.Text);
        var y = Words(b.Text);
        return x.Overlaps(y);
    }

    private static readonly HashSet<string> Weak = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "and", "of", "for", "said", "dan", "yang", "dari", "seorang", "para", "pihak", "kepala", "wakil",
        "senior", "official", "officials", "spokesman", "spokesperson", "national", "state", "local", "setempat", "juru", "bicara",
        "anggota", "pejabat", "dia", "he", "she", "they", "itu", "tersebut", "ini",
    };

    private static HashSet<string> Words(string s) =>
        s.Split([' ', ',', '(', ')', '.', '"', '\'', '’', '“', '”'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3 && !Weak.Contains(w)).Select(w => w.ToLowerInvariant()).ToHashSet();

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
