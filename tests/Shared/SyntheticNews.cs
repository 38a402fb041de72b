using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tally.Testing;

/// <summary>
/// Generates many distinct news-please articles by varying a few base articles: every figure gets another value of
/// the same size, place names are swapped, the publication date moves, and each article gets its own URL and id.
/// Used by the ingest benchmark and by the crash-safety test (shared source, not part of the library).
/// </summary>
public static partial class SyntheticNews
{
    private static readonly string[] Places = ["Nduga", "Intan Jaya", "Puncak", "Sagaing", "Kursk", "Gaza", "Darfur", "Cianjur", "Garut", "Palu", "Aceh", "Malang"];

    public sealed record Article(string Id, string Url, string Maintext, string DatePublish, string Language)
    {
        public string ToJson() => JsonSerializer.Serialize(new { id = Id, url = Url, title = (string?)null, maintext = Maintext, date_publish = DatePublish, language = Language });
    }

    /// <summary>Articles written for the tests: enough variety of categories, parties and sources.</summary>
    public static readonly (string Text, string Language)[] OwnBase =
    [
        ("Banjir bandang di Kabupaten Garut menewaskan 14 orang dan melukai 37 lainnya, kata Kepala BPBD Garut Rina Hartati. Sebanyak 2.300 warga mengungsi ke balai desa.", "id"),
        ("Sekitar 600 tentara dilaporkan gugur dalam pertempuran di perbatasan, menurut kementerian pertahanan. Sebanyak 1.200 lainnya terluka.", "id"),
        ("At least 20 civilians were killed and 35 were wounded in an air strike on a village in Sagaing region, a witness told reporters.", "en"),
        ("Police arrested 22 terror suspects in eight provinces, a police spokesman said on Monday.", "en"),
        ("Sebanyak 450 prajurit TNI dikerahkan ke Papua untuk mengamankan perbatasan, kata Komandan Korem Kolonel Budi Santoso.", "id"),
        ("More than 3,000 people have fled their homes since the fighting began, the United Nations said.", "en"),
    ];

    public static IEnumerable<Article> Generate(IReadOnlyList<(string Text, string Language)> bases, int count, int seed = 7)
    {
        var rng = new Random(seed);
        var start = new DateOnly(2020, 1, 1);
        for (int i = 0; i < count; i++)
        {
            var (text, lang) = bases[i % bases.Count];
            var varied = Digits().Replace(text, m => Vary(m.Value, rng));
            foreach (var p in Places)
                if (varied.Contains(p, StringComparison.Ordinal)) { varied = varied.Replace(p, Places[rng.Next(Places.Length)]); break; }
            varied += $"\nLaporan nomor {i}.";
            var date = start.AddDays(rng.Next(0, 1800));
            yield return new Article($"syn-{i}", $"https://news.example.org/{date:yyyy/MM/dd}/article-{i}", varied, $"{date:yyyy-MM-dd} 08:00:00", lang);
        }
    }

    /// <summary>Another number of the same size and separator layout ("4.700" → "6.120").</summary>
    private static string Vary(string digits, Random rng)
    {
        var sb = new StringBuilder(digits.Length);
        bool first = true;
        foreach (var ch in digits)
        {
            if (char.IsDigit(ch)) { sb.Append((char)('0' + (first ? rng.Next(1, 10) : rng.Next(0, 10)))); first = false; }
            else sb.Append(ch);
        }
        return sb.ToString();
    }

    public static void WriteJsonLines(string path, IEnumerable<Article> articles)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (var a in articles) w.WriteLine(a.ToJson());
    }

    // Figures only: not dates in brackets ("(6/11)") nor years.
    [GeneratedRegex(@"(?<![\d/(])\d{1,3}(?:[.,]\d{3})*(?![\d/)])")]
    private static partial Regex Digits();
}
