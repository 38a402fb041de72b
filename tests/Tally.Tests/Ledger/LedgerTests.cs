using System.Text.Json;
using Tally.Documents;
using Tally.Extraction;
using Tally.Ledger;
using Tally.Model;

namespace Tally.Tests.Ledger;

/// <summary>The ledger on both backends: storing, merging, versions, queries, exports, timelines, migrations.</summary>
public class LedgerTests
{
    internal static ExtractionResult Doc(string id, string? url, string text, string? published, string lang = "id", string? title = null)
    {
        var (p, hasTime, hasOffset) = DocumentReader.ParseDate(published);
        var r = Run.Pipeline.Process(new SourceDocument
        {
            Id = id, Url = url, Body = text, Title = title, Published = p, PublishedHasTime = hasTime, PublishedHasOffset = hasOffset,
            DeclaredLanguage = lang, Origin = id,
        }, e => throw new InvalidOperationException(e.ToString()));
        return r!;
    }

    private static readonly string[] Gaza =
    [
        "Kementerian Kesehatan Gaza mengatakan 40.005 warga Palestina tewas sejak perang dimulai.",
        "Lebih dari 40.000 warga Palestina tewas sejak perang dimulai, kata Kementerian Kesehatan Gaza.",
        "Setidaknya 40.005 warga Palestina tewas sejak perang dimulai, menurut Kementerian Kesehatan Gaza.",
        "Sebanyak 40.005 warga Palestina tewas sejak perang dimulai.",
        "Militer Israel mengatakan 40.005 warga Palestina tewas sejak perang dimulai.",
        "Kementerian Kesehatan Gaza mengatakan 41.000 warga Palestina tewas sejak perang dimulai.",
        "Dalam laporan terbarunya, Kementerian Kesehatan Gaza mengatakan 40.005 warga Palestina tewas sejak perang dimulai.",
    ];

    private static List<ExtractionResult> GazaDocs() =>
    [
        Doc("a", "https://example.org/a", Gaza[0], "2024-03-01"),
        Doc("b", "https://example.net/b", Gaza[1], "2024-03-01"),
        Doc("c", "https://example.com/c", Gaza[2], "2024-03-02"),
        Doc("d", "https://example.id/d", Gaza[3], "2024-03-02"),
        Doc("e", "https://example.org/e", Gaza[4], "2024-03-02"),
        Doc("f", "https://example.org/f", Gaza[5], "2024-03-20"),
        Doc("g", "https://example.org/g", Gaza[6], "2024-05-01"),
    ];

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void Merges_restatements_of_one_source_and_keeps_other_sources_revisions_and_distant_dates_apart(string backend)
    {
        using var t = new TestLedger(backend);
        using var store = t.Open();
        var s = store.Ingest(GazaDocs());
        Assert.Equal(7, s.Stored);
        Assert.Equal(7, s.ClaimsAdded);
        var entries = store.List(new EntryFilter { Category = Category.Killed, Who = "PS" }, withCitations: true);
        // a+b+c (the ministry, restated as bounds) and d (unattributed) are one entry; e (another source), f (a revised
        // figure) and g (two months later) are entries of their own.
        Assert.Equal(4, entries.Count);
        var main = entries.Single(e => e.CitationCount == 4);
        Assert.Equal(["a", "b", "c", "d"], main.Citations.Select(c => c.Document.Id).Order().ToArray<string>());
        Assert.Equal(40005, main.Claim.Count.Low);
        Assert.Equal(40005, main.Claim.Count.High);
        Assert.Contains("Kementerian Kesehatan Gaza", main.Claim.Source!.Text);
        Assert.Equal("2024-03-01", main.FirstSeen);
        Assert.Equal("2024-03-02", main.LastSeen);
        Assert.Single(entries, e => e.Claim.Source?.Text.Contains("Militer Israel") == true);
        Assert.Single(entries, e => e.Claim.Count.Low == 41000);
        Assert.Single(entries, e => e.FirstSeen == "2024-05-01");

        // Every entry of the ministry is one series of its timeline.
        var series = store.Timeline("PS", Category.Killed);
        var ministry = series.Single(x => x.SourceText.Contains("Kementerian Kesehatan Gaza"));
        Assert.Equal(["2024-03-01", "2024-03-20", "2024-05-01"], ministry.Points.Select(p => p.Date ?? "").ToArray());
        Assert.Equal([40005L, 41000L, 40005L], ministry.Points.Select(p => p.Low!.Value).ToArray());
        Assert.Equal(2, series.Count);
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void An_entry_cited_every_week_stays_open_and_one_left_alone_past_the_window_closes(string backend)
    {
        using var t = new TestLedger(backend);
        using var store = t.Open();
        // The ministry repeats its figure every week for more than a year: one entry, however long ago it began.
        static string Tag(int i) => new(new[] { (char)('a' + i % 26), (char)('a' + i / 26 % 26), 'x' });
        var start = new DateOnly(2023, 1, 2);
        var weekly = Enumerable.Range(0, 60).Select(i => Doc($"w{i}", $"https://example.org/w{i}",
            $"Kementerian Kesehatan Gaza mengatakan 40.005 warga Palestina tewas sejak perang dimulai. Arsip {Tag(i)}.",
            start.AddDays(7 * i).ToString("yyyy-MM-dd"))).ToList();
        store.Ingest(weekly);
        var entries = store.List(new EntryFilter { Category = Category.Killed, Who = "PS" });
        var entry = Assert.Single(entries);
        Assert.Equal(60, entry.CitationCount);
        Assert.Equal("2023-01-02", entry.FirstSeen);
        Assert.Equal(start.AddDays(7 * 59).ToString("yyyy-MM-dd"), entry.LastSeen);

        // A document from within the series (weeks before its last citation: within LongestSpanDays), ingested late, cites the same entry.
        store.Ingest([Doc("mid", "https://example.org/mid", "Kementerian Kesehatan Gaza mengatakan 40.005 warga Palestina tewas sejak perang dimulai. Arsip tengah.",
            start.AddDays(7 * 50 + 3).ToString("yyyy-MM-dd"))]);
        Assert.Equal(61, Assert.Single(store.List(new EntryFilter { Category = Category.Killed, Who = "PS" })).CitationCount);

        // A month after the last citation the same figure is news again: a new entry.
        var later = start.AddDays(7 * 59 + 30).ToString("yyyy-MM-dd");
        store.Ingest([Doc("late", "https://example.org/late", "Kementerian Kesehatan Gaza mengatakan 40.005 warga Palestina tewas sejak perang dimulai.", later)]);
        entries = store.List(new EntryFilter { Category = Category.Killed, Who = "PS" });
        Assert.Equal(2, entries.Count);
        Assert.Equal(later, entries.Single(e => e.CitationCount == 1).FirstSeen);
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void An_undated_document_cannot_bound_its_gap_to_any_entry_so_its_claims_stay_apart(string backend)
    {
        using var t = new TestLedger(backend);
        using var store = t.Open();
        const string Ministry = "Kementerian Kesehatan Gaza mengatakan 40.005 warga Palestina tewas sejak perang dimulai.";
        const string Police = "Polisi mengatakan 27 penambang tewas tertimbun longsor di Kabupaten Bolaang Mongondow.";
        store.Ingest([Doc("a", "https://example.org/a", Ministry, "2024-03-01")]);
        store.Ingest([Doc("b", "https://example.org/b", Ministry + " Laporan tanpa tanggal.", null)]);
        store.Ingest([Doc("c", "https://example.org/c", Police, null)]);
        store.Ingest([Doc("d", "https://example.org/d", Police + " Laporan bertanggal.", "2024-07-09")]);
        store.Ingest([Doc("e", "https://example.org/e", Police + " Laporan bertanggal lain.", "2024-07-10")]);
        var entries = store.List(new EntryFilter { Category = Category.Killed }, withCitations: true);
        // The undated copies (b, c) are entries of their own; the dated reports (d, e) a day apart are one.
        Assert.Equal(4, entries.Count);
        Assert.Equal(["a"], entries.Single(e => e.Claim.Count.Low == 40005 && e.FirstSeen is not null).Citations.Select(c => c.Document.Id));
        Assert.Equal(["b"], entries.Single(e => e.Claim.Count.Low == 40005 && e.FirstSeen is null).Citations.Select(c => c.Document.Id));
        Assert.Equal(["c"], entries.Single(e => e.Claim.Count.Low == 27 && e.FirstSeen is null).Citations.Select(c => c.Document.Id));
        var dated = entries.Single(e => e.Claim.Count.Low == 27 && e.FirstSeen is not null);
        Assert.Equal(["d", "e"], dated.Citations.Select(c => c.Document.Id).Order());
        Assert.Equal("2024-07-10", dated.LastSeen);
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void Ingesting_twice_stores_nothing_more_and_a_changed_url_becomes_a_new_version(string backend)
    {
        using var t = new TestLedger(backend);
        using var store = t.Open();
        store.Ingest(GazaDocs());
        var before = Dump(store);
        var again = store.Ingest(GazaDocs());
        Assert.Equal(0, again.Stored);
        Assert.Equal(7, again.Skipped);
        Assert.Equal(before, Dump(store));

        // The same URL with new text: a new version, and the ledger follows it.
        var revised = Doc("a", "https://example.org/a?utm_source=feed", "Kementerian Kesehatan Gaza mengatakan 40.100 warga Palestina tewas sejak perang dimulai.", "2024-03-03");
        var v = store.Ingest([revised]);
        Assert.Equal(1, v.Versions);
        var entries = store.List(new EntryFilter { Category = Category.Killed, Who = "PS" }, withCitations: true);
        Assert.DoesNotContain(entries.SelectMany(e => e.Citations), c => c.Evidence.Sentence == Gaza[0]);
        Assert.Contains(entries, e => e.Claim.Count.Low == 40100 && e.Citations.Single().Document.Id == "a");
        Assert.Equal(3, entries.Single(e => e.Claim.Count.Low == 40005 && e.CitationCount > 1).CitationCount);
        Assert.Equal(7, store.Totals().Documents);
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void Filters_and_full_text_search(string backend)
    {
        using var t = new TestLedger(backend);
        using var store = t.Open();
        store.Ingest(
        [
            .. GazaDocs(),
            Doc("p1", "https://example.org/p1", "Sebanyak 12 prajurit TNI gugur dalam kontak tembak di Kabupaten Nduga, kata juru bicara militer Kolonel Budi Santoso.", "2023-02-10"),
            Doc("p2", "https://example.org/p2", "Banjir bandang memaksa 3.500 warga mengungsi di Kabupaten Garut, menurut BNPB.", "2023-02-12"),
            Doc("e1", "https://example.org/e1", "At least 20 civilians were killed in an air strike in Sagaing region, a witness said.", "2023-04-12", "en"),
        ]);
        Assert.Single(store.List(new EntryFilter { Category = Category.Displaced }));
        Assert.Single(store.List(new EntryFilter { Who = "MM" }));
        Assert.Single(store.List(new EntryFilter { Role = Role.StateForces }));
        Assert.Single(store.List(new EntryFilter { Place = "garut" }));
        Assert.Single(store.List(new EntryFilter { Country = "MM" }));
        Assert.Single(store.List(new EntryFilter { Source = "budi santoso" }));
        Assert.Single(store.List(new EntryFilter { SourceKind = SourceKind.Witness }));
        Assert.Equal(2, store.List(new EntryFilter { Since = "2023-01-01", Until = "2023-12-31", Category = null, Who = "ID" }).Count);
        Assert.Single(store.List(new EntryFilter { Search = "kontak tembak" }));
        Assert.Single(store.List(new EntryFilter { Search = "Sagaing" }));
        // Search words are data, not query syntax.
        Assert.Empty(store.List(new EntryFilter { Search = "\" OR 1=1 --" }));
        Assert.Empty(store.List(new EntryFilter { Source = "'; DROP TABLE entries; --" }));
        Assert.True(store.Totals().Entries > 0);
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void A_version_1_database_is_upgraded_in_place(string backend)
    {
        using var t = new TestLedger(backend);
        // A database as the first schema left it: one document, one entry, one claim.
        using (var old = t.Open(schemaVersion: 1))
        {
            Assert.Equal(1, old.SchemaVersion);
            old.Execute("INSERT INTO documents (doc_key, url, url_key, version, is_current, content_hash, language, published_date, text, ingested_at) " +
                        "VALUES ('old', 'https://example.org/old', 'https://example.org/old', 1, 1, 'h1', 'id', '2024-01-05', 'Sebanyak 12 warga tewas di Garut.', '2024-01-05')");
            old.Execute("INSERT INTO entries (category, low, high, count_text, who_country, evidence, first_seen, last_seen, citations) " +
                        "VALUES ('killed', 12, 12, '12', 'ID', 'Sebanyak 12 warga tewas di Garut.', '2024-01-05', '2024-01-05', 1)");
            old.Execute("INSERT INTO claims (document_id, entry_id, ordinal, category, low, high, count_text, who_country, evidence, published_date) " +
                        "SELECT d.id, e.id, 0, 'killed', 12, 12, '12', 'ID', 'Sebanyak 12 warga tewas di Garut.', '2024-01-05' FROM documents d, entries e");
        }
        using var store = t.Open();
        Assert.Equal(Migrations.Latest, store.SchemaVersion);
        Assert.Equal(1, store.Totals().Documents);
        // Migration 5 indexed the old claim for search; new documents merge with the old entry.
        Assert.Single(store.List(new EntryFilter { Search = "Garut" }));
        store.Ingest([Doc("new", "https://example.net/new", "Sebanyak 12 warga tewas dalam banjir di Garut.", "2024-01-06")]);
        Assert.Equal(2, store.List(new EntryFilter { Search = "Garut" }, withCitations: true).Single().CitationCount);
        // A hyphenated or punctuated search is its words (the index keeps no positions to match a phrase with).
        Assert.Single(store.List(new EntryFilter { Search = "banjir-Garut" }));
        Assert.Single(store.List(new EntryFilter { Search = "Garut, (banjir)" }));
        Assert.Empty(store.List(new EntryFilter { Search = "banjir-Bandung" }));
        // No word at all: no search (not an error).
        foreach (var nothing in new[] { "---", "\"", " ", "(!)" })
            Assert.Equal(store.List(new EntryFilter()).Count, store.List(new EntryFilter { Search = nothing }).Count);
        store.LogRun(DateTimeOffset.UtcNow, new IngestSummary { Read = 1 });
        Assert.Single(store.Rows("SELECT id FROM ingest_runs"));
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void A_version_6_database_keeps_its_search_when_the_claim_index_is_rebuilt(string backend)
    {
        using var t = new TestLedger(backend);
        // A database as schema 6 left it (rows written as that Tally wrote them: the sentence copied into the claim and the entry).
        using (var old = t.Open(schemaVersion: 6))
        {
            Assert.Equal(6, old.SchemaVersion);
            const string sentence = "Sebanyak 14 warga tewas dalam banjir bandang di Sukamaju.";
            old.Execute("INSERT INTO documents (doc_key, url, url_key, version, is_current, content_hash, language, published_date, text, ingested_at) " +
                        $"VALUES ('a', 'https://example.org/a', 'https://example.org/a', 1, 1, 'h1', 'id', '2024-03-02', '{sentence}', '2024-03-02')");
            old.Execute("INSERT INTO entries (category, low, high, count_text, who_country, evidence, evidence_start, evidence_end, evidence_document, first_seen, last_seen, citations) " +
                        $"SELECT 'killed', 14, 14, '14', 'ID', '{sentence}', 0, {sentence.Length}, d.id, '2024-03-02', '2024-03-02', 1 FROM documents d");
            old.Execute("INSERT INTO claims (document_id, entry_id, ordinal, category, low, high, count_text, who_text, who_country, where_text, evidence, evidence_start, evidence_end, published_date) " +
                        $"SELECT d.id, e.id, 0, 'killed', 14, 14, '14', 'warga', 'ID', 'Sukamaju', '{sentence}', 0, {sentence.Length}, '2024-03-02' FROM documents d, entries e");
        }
        using var store = t.Open();
        Assert.Equal(Migrations.Latest, store.SchemaVersion);
        Assert.Single(store.List(new EntryFilter { Search = "Sukamaju" }));
        Assert.Single(store.List(new EntryFilter { Search = "banjir bandang" }));
        Assert.Empty(store.List(new EntryFilter { Search = "Cibening" }));
        store.Ingest([Doc("b", "https://example.net/b", "Banjir di Cibening menewaskan 3 orang.", "2024-03-03")]);
        Assert.Single(store.List(new EntryFilter { Search = "Cibening" }));
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void Exports_jsonl_csv_and_hxl(string backend)
    {
        using var t = new TestLedger(backend);
        using var store = t.Open();
        store.Ingest(GazaDocs());
        var entries = store.List(new EntryFilter(), withCitations: true);
        var line = LedgerExport.ToJsonLine(entries.First(e => e.CitationCount == 4));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        foreach (var field in new[] { "id", "category", "count", "who", "where", "when", "source", "via", "certainty", "evidence", "first_seen", "last_seen", "citations" })
            Assert.True(root.TryGetProperty(field, out _), field);
        var cit = root.GetProperty("citations")[0];
        Assert.Equal("https://example.org/a", cit.GetProperty("document").GetProperty("url").GetString());
        Assert.Equal("example.org", cit.GetProperty("document").GetProperty("outlet").GetString());
        Assert.Equal("2024-03-01", cit.GetProperty("document").GetProperty("published").GetString());
        Assert.Equal("id", cit.GetProperty("document").GetProperty("language").GetString());
        Assert.Equal(Gaza[0], cit.GetProperty("evidence").GetProperty("sentence").GetString());

        var sw = new StringWriter();
        LedgerExport.WriteCsv(sw, entries, hxl: true);
        var rows = sw.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(entries.Count + 2, rows.Length);
        var tags = rows[1].Split(',');
        foreach (var tag in new[] { "#affected+killed", "#affected+injured", "#affected+missing", "#affected+displaced", "#country+code", "#adm1+name", "#meta+source", "#meta+url" })
            Assert.Contains(tag, tags);
        Assert.Contains(tags, h => h.StartsWith("#date", StringComparison.Ordinal));
        int killed = Array.IndexOf(tags, "#affected+killed");
        Assert.Contains(rows.Skip(2), r => SplitCsv(r)[killed] == "40005");
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void Timeline_plots_as_svg_and_png(string backend)
    {
        using var t = new TestLedger(backend);
        using var store = t.Open();
        store.Ingest(GazaDocs());
        var series = store.Timeline("PS", Category.Killed);
        var dir = Path.Combine(Path.GetTempPath(), "tally-plot-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            TimelinePlot.Save(series, "killed — PS", Path.Combine(dir, "t.svg"));
            TimelinePlot.Save(series, "killed — PS", Path.Combine(dir, "t.png"));
            var svg = File.ReadAllText(Path.Combine(dir, "t.svg"));
            Assert.Contains("<svg", svg);
            Assert.Contains("Kementerian Kesehatan Gaza", svg);
            var png = File.ReadAllBytes(Path.Combine(dir, "t.png"));
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        }
        finally { Directory.Delete(dir, true); }
    }

    [DevSetFact]
    public void Dev_set_syndicated_stories_are_one_entry_each_and_ingesting_twice_changes_nothing()
    {
        foreach (var backend in new[] { "sqlite", "postgresql" })
        {
            if (backend == "postgresql" && TestLedger.PostgresServer is null) continue;
            using var t = new TestLedger(backend);
            using var store = t.Open();
            var docs = Run.Pipeline.Run([Path.Combine(RepoPaths.Shared!, "eval", "dev", "docs")], e => { if (!e.Reason.Contains("not supported")) throw new InvalidOperationException(e.ToString()); }).ToList();
            store.Ingest(docs);
            var once = Dump(store);
            store.Ingest(docs);
            Assert.Equal(once, Dump(store));

            var intanJaya = store.List(new EntryFilter { Category = Category.Killed, Who = "ID", Role = Role.StateForces }, withCitations: true)
                .Single(e => e.Claim.Count.Low == 1 && e.Claim.Count.High == 1 && e.FirstSeen == "2020-11-06");
            Assert.Equal(["011", "012", "013", "014"], intanJaya.Citations.Select(c => c.Document.Id).Distinct().Order().ToArray());
            // The Kanjuruhan toll: the dated reports (two Indonesian outlets and an English one) are one entry; the undated
            // copies (035, 037, 039) cannot bound their distance to it, so each stays an entry of its own.
            var tolls = store.List(new EntryFilter { Category = Category.Killed, Who = "ID" }, withCitations: true)
                .Where(e => e.Claim.Count.Low == 125 && e.Claim.Count.High == 125).ToList();
            var kanjuruhan = tolls.Single(e => e.FirstSeen is not null);
            Assert.Equal(["036", "038", "199"], kanjuruhan.Citations.Select(c => c.Document.Id).Distinct().Order().ToArray());
            Assert.Equal(["035", "037", "039"], tolls.Where(e => e.FirstSeen is null).Select(e => Assert.Single(e.Citations).Document.Id).Order().ToArray());
            // The other figures of those documents stay entries of their own: the earlier toll of 129, the injured.
            Assert.Single(store.List(new EntryFilter { Category = Category.Killed, Who = "ID" }), e => e.Claim.Count.Low == 129 && e.FirstSeen is not null);
            Assert.Contains(store.List(new EntryFilter { Category = Category.Injured, Who = "ID" }), e => e.Claim.Count.Low == 300);
        }
    }

    /// <summary>Everything stored except ingest times, in a stable order.</summary>
    internal static string Dump(LedgerStore s) => string.Join("\n",
        s.Rows("SELECT id, doc_key, url_key, version, is_current, content_hash FROM documents ORDER BY id")
            .Concat(s.Rows("SELECT id, document_id, entry_id, category, low, high, source_text, evidence FROM claims ORDER BY id"))
            .Concat(s.Rows("SELECT id, category, low, high, citations, first_seen, last_seen, source_key FROM entries ORDER BY id"))
            .Select(r => string.Join("|", r.Select(v => v?.ToString()))));

    private static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var sb = new System.Text.StringBuilder();
        bool q = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (q) { if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; } else if (ch == '"') q = false; else sb.Append(ch); }
            else if (ch == '"') q = true;
            else if (ch == ',') { cells.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(ch);
        }
        cells.Add(sb.ToString());
        return cells.ToArray();
    }
}
