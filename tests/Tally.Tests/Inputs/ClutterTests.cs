using Tally.Documents;
using Tally.Tests.Cli;
using static Tally.Tests.Inputs.InputSupport;

namespace Tally.Tests.Inputs;

/// <summary>Page furniture in scraped text is not analysed, and document.text (what offsets index) is the cleaned text.</summary>
public class ClutterTests
{
    private static readonly TextCleaner Cleaner = TextCleaner.ForAllLanguages();

    private const string P1 = "Tanah longsor yang menimbun Desa Cibening di Kabupaten Wanasari, Kamis dini hari, menewaskan sedikitnya 11 warga dan melukai 23 lainnya.";
    private const string P2 = "Kepala BPBD Wanasari mengatakan hingga Kamis sore sebanyak 6 orang masih dinyatakan hilang, sementara pencarian dilanjutkan Jumat pagi.";
    private const string P3 = "Pemerintah kabupaten mengerahkan 300 personel gabungan untuk membantu evakuasi dan membuka akses jalan yang tertutup material longsor.";

    [Theory]
    [InlineData("Scroll to Top")]
    [InlineData("Baca juga: Banjir di Lembah Hijau, 3 Warga Hilang")]
    [InlineData("Baca Juga: 5 Orang Tewas dalam Kecelakaan Bus")]
    [InlineData("ADVERTISEMENT")]
    [InlineData("Advertisment")]
    [InlineData("- Iklan -")]
    [InlineData("Simak video pilihan berikut ini:")]
    [InlineData("Dapatkan artikel ini untuk diterbitkan semula")]
    [InlineData("Dapatkan update berita pilihan dan breaking news setiap hari dari Warta Contoh.")]
    [InlineData("Bagikan artikel ini:")]
    [InlineData("Facebook Twitter WhatsApp Telegram")]
    [InlineData("Share this article")]
    [InlineData("Kongsi")]
    [InlineData("Silakan masukkan komentar Anda!")]
    [InlineData("Your email address will not be published. Required fields are marked *")]
    [InlineData("Pewarta: Rina Hartati")]
    [InlineData("Editor: Budi Santoso")]
    [InlineData("Foto: Dok. BPBD Wanasari")]
    [InlineData("Petugas mencari korban di Desa Cibening. Foto: Dok. BPBD Wanasari")]
    [InlineData("Gambar fail mangsa banjir ditempatkan di PPS. Gambar: Bernama")]
    [InlineData("Photo: Reuters")]
    [InlineData("Copyright © Warta Contoh 2024")]
    public void A_clutter_line_anywhere_is_removed(string clutter)
    {
        var text = string.Join("\n\n", P1, clutter, P2, P3);
        Assert.Equal(string.Join("\n\n", P1, P2, P3), Cleaner.Clean(text));
    }

    [Theory]
    [InlineData("Kamis, 19 Desember 2024 | 15:30 WIB")]
    [InlineData("19 Desember 2024, 15.30 WIB")]
    [InlineData("Rabu, 21 Dis 2022 10:30 PM")]
    [InlineData("Thursday, December 19, 2024")]
    [InlineData("Dec 19, 2024 10:15 AM")]
    [InlineData("Updated 3 hours ago")]
    [InlineData("Oleh Rina Hartati")]
    [InlineData("By John Smith and Jane Roe, Reuters")]
    [InlineData("Bernama")]
    [InlineData("1 minit bacaan")]
    public void A_leading_date_line_byline_or_label_is_removed_from_the_head_only(string lead)
    {
        Assert.Equal(string.Join("\n", P1, P2), Cleaner.Clean(string.Join("\n", lead, "", P1, P2)));
        // After the first paragraph the same line is left alone (a dated entry in a timeline, a quoted name).
        var inside = string.Join("\n\n", P1, lead, P2);
        if (lead is not ("1 minit bacaan")) Assert.Equal(inside, Cleaner.Clean(inside));
    }

    [Fact]
    public void A_read_also_heading_takes_its_links_with_it_and_a_footer_marker_takes_the_rest()
    {
        var block = string.Join("\n\n", P1, "Baca Juga", "Banjir di Lembah Hijau, 3 Warga Hilang Terseret Arus", "Kecelakaan Bus di Jalur Selatan, 8 Orang Tewas", P2, P3);
        Assert.Equal(string.Join("\n\n", P1, P2, P3), Cleaner.Clean(block));

        var footer = string.Join("\n\n", P1, P2, P3, "Berita Terkait", "Kapal Tenggelam di Selat Timur, 25 Penumpang Hilang", "Sekitar 40 warga terluka dalam kerusuhan di kota lain, kata polisi setempat kepada wartawan pada Minggu.");
        Assert.Equal(string.Join("\n\n", P1, P2, P3), Cleaner.Clean(footer));
        // Near the head, such a marker removes only its own line.
        var early = string.Join("\n\n", "Berita Terkait", P1, P2, P3);
        Assert.Equal(string.Join("\n\n", P1, P2, P3), Cleaner.Clean(early));

        var comments = string.Join("\n\n", P1, P2, P3, "TINGGALKAN KOMENTAR", "Silakan masukkan komentar Anda!", "Silakan masukkan nama Anda di sini", "Kirim");
        Assert.Equal(string.Join("\n\n", P1, P2, P3), Cleaner.Clean(comments));
    }

    [Fact]
    public void A_caption_shown_twice_is_kept_once_and_a_one_word_title_stays()
    {
        const string caption = "Warga mengungsi ke balai desa setelah banjir melanda Kabupaten Wanasari";
        Assert.Equal(string.Join("\n", caption, P1), Cleaner.Clean(string.Join("\n", caption, caption, P1)));
        Assert.Equal("Judul", Cleaner.CleanTitle("Judul"));
        Assert.Equal("Berita", Cleaner.CleanTitle("Berita"));
        Assert.Equal("", Cleaner.CleanTitle("ADVERTISEMENT"));
    }

    [Fact]
    public void Figures_in_clutter_are_not_claims_and_offsets_index_the_cleaned_text()
    {
        using var d = new TempDir();
        var scraped = string.Join("\n", "Kamis, 19 Desember 2024 | 15:30 WIB", "Oleh Rina Hartati", "",
            P1, "Baca juga: Kecelakaan Bus di Jalur Selatan, 8 Orang Tewas", P2, "ADVERTISEMENT", "Simak video: 40 Warga Terluka", P3,
            "Bagikan:", "Berita Terkait", "Kapal Tenggelam di Selat Timur, 25 Penumpang Hilang", "TINGGALKAN KOMENTAR", "Scroll to Top");
        d.File("scraped.txt", scraped);
        var r = CliRunner.Run(["extract", Path.Combine(d.Path, "scraped.txt"), "--published", "2024-12-19"]);
        Assert.Equal(0, r.ExitCode);
        var doc = Assert.Single(Docs(r.Stdout));
        Assert.Equal(string.Join("\n", P1, P2, P3), DocText(doc));
        AssertOffsetsHonest(doc);
        var rows = ClaimRows(doc);
        Assert.DoesNotContain(rows, c => c.Contains(" 8-8") || c.Contains(" 40-40") || c.Contains(" 25-25"));
        Assert.Contains(rows, c => c.StartsWith("deployed 300-300"));
    }

    [DevSetFact]
    public void The_seed_articles_trailing_Scroll_to_Top_is_not_in_the_document_text()
    {
        var seed = Path.Combine(RepoPaths.Shared!, "eval", "dev", "docs", "seed.json");
        Assert.Contains("Scroll to Top", File.ReadAllText(seed));
        var r = CliRunner.Run(["extract", seed]);
        Assert.Equal(0, r.ExitCode);
        var doc = Assert.Single(Docs(r.Stdout));
        Assert.DoesNotContain("Scroll to Top", DocText(doc));
        Assert.EndsWith("untuk digunakan melawan Ukraina.", DocText(doc));
        AssertOffsetsHonest(doc);
    }

    [Fact]
    public void Many_rules_and_rules_the_fast_engine_cannot_run_still_all_apply()
    {
        // Enough rules that one alternation would exceed the non-backtracking engine's size limit (they are split), and a
        // rule with a lookahead it cannot run at all (it goes to the backtracking engine).
        var rules = Enumerable.Range(0, 600)
            .Select(i => new CleanerRule(new System.Text.RegularExpressions.Regex($@"^(iklan|promo|sponsor)\s+nomor\s+{i}\b.*$"), ClutterReach.Line, "test"))
            .Append(new CleanerRule(new System.Text.RegularExpressions.Regex(@"^tautan(?=\s*:).*$"), ClutterReach.Line, "test"))
            .Append(new CleanerRule(new System.Text.RegularExpressions.Regex(@"(baca|read) (juga|also)\s*:.*$"), ClutterReach.Tail, "test"));
        var cleaner = new TextCleaner(rules);
        var text = string.Join('\n', P1, "Promo nomor 599 hari ini", P2, "IKLAN NOMOR 3", "Tautan: halaman lain", P3 + " Baca juga: berita lain");
        var cleaned = cleaner.Clean(text);
        Assert.Equal(string.Join('\n', P1, P2, P3), cleaned);
        // A line that only looks like a rule stays.
        Assert.Equal(P1 + "\nPromo nomor satu", cleaner.Clean(P1 + "\nPromo nomor satu"));
    }
}
