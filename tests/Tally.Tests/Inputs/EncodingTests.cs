using System.Text;
using Tally.Documents;
using Tally.Tests.Cli;
using static Tally.Tests.Inputs.InputSupport;

namespace Tally.Tests.Inputs;

/// <summary>Files that are not UTF-8 are decoded right; a page's false charset is overruled with a warning.</summary>
public class EncodingTests
{
    private const string Article = "Menurut “Dédé” Kurniawan — kepala BPBD — sekitar 1.400 warga mengungsi ke gedung sekolah, café dan masjid.\nSedikitnya 11 warga tewas; naïve? Tidak: “korban” bertambah.";

    static EncodingTests() => EncodingDetector.EnsureCodePages();

    private static byte[] With(Encoding e, string s, bool bom = false) => bom ? [.. e.GetPreamble(), .. e.GetBytes(s)] : e.GetBytes(s);

    public static TheoryData<string, byte[]> Files() => new()
    {
        { "windows-1252", With(Encoding.GetEncoding(1252), Article) },
        { "iso-8859-1", With(Encoding.Latin1, Article.Replace('“', '"').Replace('”', '"').Replace("—", "-")) },
        { "utf-16le with BOM", With(Encoding.Unicode, Article, bom: true) },
        { "utf-16be with BOM", With(Encoding.BigEndianUnicode, Article, bom: true) },
        { "utf-16le without BOM", With(Encoding.Unicode, Article) },
        { "utf-8 with BOM", With(Encoding.UTF8, Article, bom: true) },
        { "utf-8 with CRLF", With(Encoding.UTF8, Article.Replace("\n", "\r\n")) },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Text_files_in_other_encodings_are_decoded_right(string encoding, byte[] bytes)
    {
        using var d = new TempDir();
        var (docs, errors) = Read(d.Bytes("article.txt", bytes));
        Assert.Empty(errors);
        var expected = encoding == "iso-8859-1" ? Article.Replace('“', '"').Replace('”', '"').Replace("—", "-") : Article;
        Assert.Equal(expected, Assert.Single(docs).Body);
    }

    [Fact]
    public void A_windows_1252_and_a_UTF_16_file_go_through_the_program()
    {
        using var d = new TempDir();
        d.Bytes("cp1252.txt", With(Encoding.GetEncoding(1252), Article));
        d.Bytes("utf16.txt", With(Encoding.Unicode, Article, bom: true));
        var r = CliRunner.Run(["extract", d.Path, "--lang", "id"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        var docs = Docs(r.Stdout);
        Assert.Equal(2, docs.Count);
        Assert.All(docs, doc => Assert.Equal(Article, DocText(doc)));
        Assert.Equal(ClaimRows(docs[0]), ClaimRows(docs[1]));
        Assert.Contains(ClaimRows(docs[0]), c => c.StartsWith("displaced 1400-1400~"));
    }

    [Fact]
    public void A_page_that_lies_about_its_charset_is_read_right_with_a_warning()
    {
        const string page = "<!DOCTYPE html><html><head>{0}<title>Banjir</title></head><body><article><p>Menurut “Dédé” Kurniawan, sekitar 1.400 warga mengungsi ke gedung sekolah dan masjid di Kabupaten Wanasari.</p></article></body></html>";
        using var d = new TempDir();
        // Says ISO-8859-1, is UTF-8.
        var utf8 = d.Bytes("says-latin1.html", Encoding.UTF8.GetBytes(string.Format(page, "<meta charset='iso-8859-1'>")));
        // Says UTF-8, is windows-1252.
        var cp1252 = d.Bytes("says-utf8.html", Encoding.GetEncoding(1252).GetBytes(string.Format(page, "<meta http-equiv='Content-Type' content='text/html; charset=utf-8'>")));
        // Says windows-1252 and is: no warning.
        var honest = d.Bytes("honest.html", Encoding.GetEncoding(1252).GetBytes(string.Format(page, "<meta charset='windows-1252'>")));
        foreach (var path in new[] { utf8, cp1252, honest })
        {
            var (docs, errors) = Read(path);
            Assert.Contains("Menurut “Dédé” Kurniawan", Assert.Single(docs).Body);
            if (path == honest) { Assert.Empty(errors); continue; }
            var warning = Assert.Single(errors);
            Assert.True(warning.IsWarning);
            Assert.Contains("declares charset", warning.Reason);
        }
    }

    [Fact]
    public void The_detector_prefers_a_BOM_then_UTF_8_then_the_declared_charset_then_a_guess()
    {
        var latin = Encoding.GetEncoding(1252).GetBytes("Café “kopi” — ");
        Assert.True(EncodingDetector.TryDecode(latin, "windows-1252", out var declared, out _));
        Assert.Equal("Café “kopi” — ", declared!.Text);
        Assert.Null(declared.Warning);
        Assert.True(EncodingDetector.TryDecode(latin, null, out var guessed, out _));
        Assert.Equal("Café “kopi” — ", guessed!.Text);
        Assert.Equal("windows-1252", guessed.EncodingName);
        Assert.False(EncodingDetector.TryDecode([0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 3, 0, 0], null, out _, out var why));
        Assert.Contains("binary", why);
        Assert.Null(EncodingDetector.Lookup("no-such-charset"));
        Assert.Equal(1252, EncodingDetector.Lookup("ISO-8859-1")!.CodePage);
    }
}
