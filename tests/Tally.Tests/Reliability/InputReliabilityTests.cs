using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Tally.Documents;
using Tally.Extraction;
using Tally.Ledger;
using Tally.Tests.Cli;
using Tally.Tests.Inputs;
using Tally.Tests.Web;
using Tally.Web;
using static Tally.Tests.Inputs.InputSupport;

namespace Tally.Tests.Reliability;

/// <summary>
/// Inputs that used to stop or hang a run (issue 13): placeholder dates, symbolic link loops, overlong lines, numbers
/// written with invisible characters, RSS 0.91 with its DOCTYPE. Each through the program, the API or the library.
/// </summary>
public class InputReliabilityTests
{
    private const string Padang = "Sebanyak 14 orang tewas dalam banjir di Padang, kata BNPB.";
    private const string Medan = "Sebanyak 12 orang tewas dalam banjir di Medan, kata BNPB.";
    private const string Agam = "Sedikitnya 9 warga hilang akibat tanah longsor di Kabupaten Agam, kata BPBD.";

    private static string Article(string url, string text, string? date) =>
        JsonSerializer.Serialize(new Dictionary<string, string?> { ["url"] = url, ["maintext"] = text, ["language"] = "id", ["date_publish"] = date });

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    // ---- 1. Placeholder dates --------------------------------------------------------------------------------------

    [Fact]
    public void Articles_dated_year_1_or_9999_are_stored_undated_with_a_warning_and_a_rerun_completes()
    {
        using var dir = new TempDir();
        var input = dir.File("poison.jsonl", string.Join("\n",
            Article("https://example.org/a", Padang, "0001-01-01 00:00:00"),
            Article("https://example.org/b", Medan, "9999-12-31"),
            Article("https://example.org/c", Agam, "2024-03-05")) + "\n");
        var db = Path.Combine(dir.Path, "t.db");

        var first = CliRunner.Run(["ingest", input, "--db", db]);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("poison.jsonl:1: publication date 0001-01-01 is out of range (1900-01-01 to ", first.Stderr);
        Assert.Contains("poison.jsonl:2: publication date 9999-12-31 is out of range", first.Stderr);
        Assert.DoesNotContain("Exception", first.Stderr);
        Assert.Contains("stored 3", first.Stderr);
        Assert.Contains("failed 0", first.Stderr); // a warning is not a failure

        using (var store = LedgerStore.Open(db))
        {
            Assert.Equal(3, store.Totals().Documents);
            var published = store.List(new EntryFilter { Limit = 100 }, withCitations: true)
                .SelectMany(e => e.Citations).Select(c => c.Document.Published ?? "undated").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(["2024-03-05", "undated", "undated"], published);
        }

        // The same input again: nothing new, and no crash at the same place.
        var again = CliRunner.Run(["ingest", input, "--db", db]);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("skipped 3", again.Stderr);
    }

    [Fact]
    public void Date_options_out_of_range_are_refused_with_a_clear_message()
    {
        using var dir = new TempDir();
        var input = dir.File("a.txt", Padang);
        var db = Path.Combine(dir.Path, "t.db");
        foreach (var (args, message) in new (string[], string)[]
        {
            (["extract", input, "--published", "0001-01-01"], "tally: --published '0001-01-01' is out of range (1900-01-01 to "),
            (["ingest", input, "--db", db, "--published", "9999-12-31"], "tally: --published '9999-12-31' is out of range"),
            (["ingest", input, "--db", db, "--window-days", "2147483647"], "tally: --window-days must be between 0 and 3650"),
            (["ingest", input, "--db", db, "--window-days", "-1"], "tally: --window-days must be between 0 and 3650"),
            (["ingest", input, "--db", db, "--batch", "2147483647"], "tally: --batch must be between 1 and 100000"),
        })
        {
            var r = CliRunner.Run(args);
            Assert.Equal(2, r.ExitCode);
            Assert.StartsWith(message, r.Stderr.Trim());
            Assert.Equal(1, r.Stderr.Trim().Split('\n').Length);
        }
        Assert.False(File.Exists(db)); // refused before the ledger was opened
        // The bounds themselves are taken.
        var ok = CliRunner.Run(["ingest", input, "--db", db, "--window-days", "3650", "--published", "1900-01-01"]);
        Assert.Equal(0, ok.ExitCode);
    }

    [Fact]
    public void A_placeholder_date_in_a_page_or_a_feed_item_is_dropped_and_the_document_read()
    {
        using var dir = new TempDir();
        var html = dir.File("page.html", $"""
            <!DOCTYPE html><html lang="id"><head><title>Banjir</title>
            <meta property="article:published_time" content="0001-01-01T00:00:00"></head>
            <body><article><p>{Padang}</p><p>{Medan}</p></article></body></html>
            """);
        // RFC 822 dates whose year or offset puts them outside the calendar (these threw while being parsed).
        var feed = dir.File("feed.rss", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Kabar</title><link>https://example.org/</link><description>d</description>
            <item><title>Satu</title><link>https://example.org/1</link><pubDate>Mon, 01 Jan 0001 00:00:00 +0700</pubDate><description>{Padang}</description></item>
            <item><title>Dua</title><link>https://example.org/2</link><pubDate>Fri, 31 Dec 9999 10:00:00 +0700</pubDate><description>{Medan}</description></item>
            <item><title>Tiga</title><link>https://example.org/3</link><pubDate>1 Jan 0000 10:00 GMT</pubDate><description>{Agam}</description></item>
            <item><title>Empat</title><link>https://example.org/4</link><pubDate>Tue, 05 Mar 2024 10:00:00 +0700</pubDate><description>{Agam}</description></item>
            </channel></rss>
            """);
        var (pages, pageErrors) = Read(html);
        Assert.Single(pages);
        Assert.Null(pages[0].Published);
        var warning = Assert.Single(pageErrors);
        Assert.True(warning.IsWarning);
        Assert.Equal($"{html}: publication date 0001-01-01 is out of range ({PublishedDate.RangeText(PublishedDate.Today())}); ignored, read as undated", warning.ToString());

        var (items, itemErrors) = Read(feed);
        Assert.Equal(4, items.Count);
        Assert.Equal([null, null, null, new DateTimeOffset(2024, 3, 5, 10, 0, 0, TimeSpan.FromHours(7))], items.Select(i => i.Published));
        // 9999-12-31 10:00 +07:00 is in the calendar but not a plausible date: dropped with a warning; the others are no dates.
        var dropped = Assert.Single(itemErrors);
        Assert.Equal($"{feed}[2]", dropped.Origin);
        Assert.True(dropped.IsWarning);

        // A date given for undated documents stands in for the dropped one.
        var (dated, _) = Read(html, new ReadOptions { Published = new DateTimeOffset(2024, 3, 6, 0, 0, 0, TimeSpan.Zero) });
        Assert.Equal(new DateTimeOffset(2024, 3, 6, 0, 0, 0, TimeSpan.Zero), dated[0].Published);
    }

    [Fact]
    public void The_latest_date_taken_is_a_few_days_after_today_by_the_reader_s_clock()
    {
        using var dir = new TempDir();
        var input = dir.File("dates.jsonl", string.Join("\n",
            Article("https://example.org/a", Padang, "2030-06-03"),
            Article("https://example.org/b", Medan, "2030-06-10"),
            Article("https://example.org/c", Agam, "1899-12-31")));
        var clock = new FixedClock(new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var (docs, errors) = Read(input, new ReadOptions { Clock = clock });
        Assert.Equal([new DateTimeOffset(2030, 6, 3, 0, 0, 0, TimeSpan.Zero), null, null], docs.Select(d => d.Published));
        Assert.Equal([$"{input}:2", $"{input}:3"], errors.Select(e => e.Origin));
        Assert.All(errors, e => Assert.Contains("out of range (1900-01-01 to 2030-06-04)", e.Reason));
    }

    [Fact]
    public async Task The_API_refuses_an_out_of_range_published_date_and_stores_an_article_whose_date_is_one_undated()
    {
        using var dir = new TempDir();
        const string key = "test-key-0123456789";
        using var factory = new TallyWebFactory(new TallyWebOptions { Database = Path.Combine(dir.Path, "api.db"), ApiKey = key });
        using var client = factory.CreateClient();
        HttpRequestMessage Post(string body, string type, string query = "")
        {
            var req = new HttpRequestMessage(HttpMethod.Post, "/api/documents" + query) { Content = new StringContent(body, Encoding.UTF8) };
            req.Content.Headers.ContentType = new MediaTypeHeaderValue(type) { CharSet = "utf-8" };
            req.Headers.Add("X-Api-Key", key);
            return req;
        }

        foreach (var date in new[] { "0001-01-01", "9999-12-31", "1899-12-31" })
        {
            var refused = await client.SendAsync(Post(Padang, "text/plain", "?published=" + date));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("a date from 1900-01-01 to ", await refused.Content.ReadAsStringAsync());
        }
        var stored = await client.SendAsync(Post(Article("https://example.org/poison", Padang, "0001-01-01 00:00:00"), "application/json"));
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var answer = JsonDocument.Parse(await stored.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, answer.GetProperty("failed").GetInt32());
        Assert.Contains(answer.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("publication date 0001-01-01 is out of range"));
        var lines = string.Join("\n", Article("https://example.org/x", Medan, "9999-12-31"), Article("https://example.org/y", Agam, "2024-03-05"));
        var batch = await client.SendAsync(Post(lines, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.Created, batch.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await batch.Content.ReadAsStringAsync()).RootElement.GetProperty("stored").GetInt32());
    }

    [Fact]
    public void The_merge_window_of_a_document_at_the_edge_of_the_calendar_does_not_overflow()
    {
        // Through the library, past the reader's check: a store with the widest window there is, and documents dated
        // on the calendar's first and last days (their claims' periods too: "kemarin" on 0001-01-02 is 0001-01-01).
        using var dir = new TempDir();
        using var store = LedgerStore.Open(Path.Combine(dir.Path, "edge.db"), new MergeOptions { WindowDays = int.MaxValue });
        ExtractionResult Dated(string id, string text, DateTimeOffset published) => Run.Pipeline.Process(new SourceDocument
        {
            Id = id, Url = "https://example.org/" + id, Body = text, Published = published, DeclaredLanguage = "id", Origin = id,
        }, e => throw new InvalidOperationException(e.ToString()))!;
        var batch = new List<ExtractionResult>
        {
            Dated("first", Padang, new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.Zero)),
            Dated("last", Medan, new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero)),
            Dated("yesterday", "Sebanyak 14 orang tewas kemarin dalam banjir di Padang, kata BNPB.", new DateTimeOffset(1, 1, 2, 0, 0, 0, TimeSpan.Zero)),
        };
        Assert.All(batch, r => Assert.NotEmpty(r.Claims));
        var summary = store.Ingest(batch);
        Assert.Equal(3, summary.Stored);
        Assert.Equal(3, summary.ClaimsAdded);
    }

    // ---- 2. Symbolic link loops ----------------------------------------------------------------------------------

    private static bool CanLink(string dir)
    {
        try { File.CreateSymbolicLink(Path.Combine(dir, ".probe"), "nowhere"); File.Delete(Path.Combine(dir, ".probe")); return true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException) { return false; }
    }

    [Fact]
    public void A_folder_with_links_back_up_is_read_once_per_real_file_and_a_broken_link_is_reported()
    {
        using var dir = new TempDir();
        if (!CanLink(dir.Path)) return; // a system without symbolic links cannot loop
        var root = Path.Combine(dir.Path, "news");
        dir.File("news/a.txt", Padang);
        dir.File("news/sub/b.txt", Medan);
        Directory.CreateSymbolicLink(Path.Combine(root, "sub", "up"), "..");          // back to news/
        Directory.CreateSymbolicLink(Path.Combine(root, "sub", "up2"), "../../news"); // the same, another way
        Directory.CreateSymbolicLink(Path.Combine(root, "again"), Path.Combine(root, "sub")); // a second name for sub/
        File.CreateSymbolicLink(Path.Combine(root, "b-link.txt"), Path.Combine(root, "sub", "b.txt"));
        File.CreateSymbolicLink(Path.Combine(root, "gone.txt"), "missing.txt");

        var r = CliRunner.Run(["extract", root], timeoutMs: 120_000);
        Assert.Equal(0, r.ExitCode);
        var docs = Docs(r.Stdout);
        Assert.Equal(2, docs.Count);
        // b.txt is read once, under the first name the walk finds it by (a link in news/ comes before sub/).
        Assert.Equal(["a", "b-link"], docs.Select(d => d.GetProperty("document").GetProperty("id").GetString()));
        Assert.Equal($"tally: {Path.Combine(root, "gone.txt")}: cannot read: symbolic link to nothing (missing.txt)", r.Stderr.Trim());

        // The progress estimate walks the same way.
        Assert.Equal(2, Ingestor.Estimate([root]));
        // One link back up alone (this read a file 41 times).
        using var one = new TempDir();
        one.File("x/a.txt", Padang);
        Directory.CreateSymbolicLink(Path.Combine(one.Path, "x", "loop"), ".");
        Assert.Single(Read(Path.Combine(one.Path, "x")).Docs);
        Assert.Equal(1, Ingestor.Estimate([Path.Combine(one.Path, "x")]));
    }

    [Fact]
    public void A_folder_given_through_a_link_is_walked_by_its_real_path()
    {
        using var temp = new TempDir();
        if (!CanLink(temp.Path)) return;
        var dir = new { Path = FolderWalker.RealPath(temp.Path) }; // the temporary folder's own real path (/tmp may be a link)
        temp.File("real/a.txt", Padang);
        temp.File("real/deep/b.txt", Medan);
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "alias"), "real");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "real", "deep", "home"), Path.Combine(dir.Path, "alias"));
        Assert.Equal(Path.Combine(dir.Path, "real", "deep"), FolderWalker.RealPath(Path.Combine(dir.Path, "alias", "deep", "home", "deep")));
        var files = FolderWalker.Files(Path.Combine(dir.Path, "alias"));
        Assert.Equal([Path.Combine(dir.Path, "alias", "a.txt"), Path.Combine(dir.Path, "alias", "deep", "b.txt")], files);
        // Two links that point at each other are a loop, reported and skipped.
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "real", "p"), "q");
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "real", "q"), "p");
        var problems = new List<string>();
        Assert.Equal(2, FolderWalker.Files(Path.Combine(dir.Path, "real"), (where, why) => problems.Add($"{Path.GetFileName(where)}: {why}")).Count);
        Assert.Equal(["p: cannot read: symbolic link loop (more than 40 links to follow)", "q: cannot read: symbolic link loop (more than 40 links to follow)"], problems);
    }

    // ---- 3. Overlong lines ---------------------------------------------------------------------------------------

    [Fact]
    public void A_JSON_Lines_line_over_the_limit_is_skipped_while_reading_and_the_lines_around_it_go_through()
    {
        using var dir = new TempDir();
        var big = new StringBuilder().Append("{\"maintext\":\"").Append('x', 3 * 1024 * 1024).Append("\"}").ToString();
        var input = dir.File("mixed.jsonl", string.Join("\n",
            Article("https://example.org/a", Padang, "2024-03-05"), big, Article("https://example.org/c", Medan, "2024-03-05")) + "\n");
        var r = CliRunner.Run(["extract", input, "--max-bytes", "100000"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(["mixed-1", "mixed-3"], Docs(r.Stdout).Select(d => d.GetProperty("document").GetProperty("id").GetString()));
        Assert.Equal($"tally: {input}:2: line is over the 97.7 KB limit (--max-bytes); skipped", r.Stderr.Trim());
    }

    /// <summary>A text of one line of <paramref name="length"/> characters and a short second line, made as it is read.</summary>
    private sealed class EndlessLine(long length) : TextReader
    {
        private long _left = length;
        private bool _tailDone;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (_left > 0)
            {
                int n = (int)Math.Min(buffer.Length, _left);
                buffer[..n].Fill('x');
                _left -= n;
                return n;
            }
            if (_tailDone) return 0;
            _tailDone = true;
            "\n{}\n".AsSpan().CopyTo(buffer);
            return 4;
        }
    }

    [Fact]
    public void Reading_a_line_far_over_the_limit_allocates_about_the_limit_not_the_line()
    {
        const long limit = 1 << 20; // 1 MB
        long Allocated(long lineLength)
        {
            using var reader = new BoundedLineReader(new EndlessLine(lineLength), limit);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.True(reader.Next(out var line));
            Assert.Null(line);
            Assert.Equal(1, reader.LineNumber);
            Assert.True(reader.Next(out var next));
            Assert.Equal("{}", next);
            Assert.False(reader.Next(out _));
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long small = Allocated(2 * limit), large = Allocated(64 * limit);
        // What is kept of a line stops at the limit: 32 times the line costs no more (the old reader allocated twice the line).
        Assert.True(large < 8 * limit, $"a 64 MB line allocated {large} bytes");
        Assert.True(large < small + limit, $"{small} bytes for 2 MB, {large} for 64 MB");

        // The progress estimate counts lines over the bytes, without keeping one.
        using var dir = new TempDir();
        var file = dir.Bytes("count.jsonl", Encoding.UTF8.GetBytes("{}\n\r\n" + new string('x', 8 << 20) + "\n{}"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(3, Ingestor.Estimate([file]));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < limit);
    }

    // ---- 4. Numbers written with invisible characters ---------------------------------------------------------

    [Fact]
    public void A_number_written_with_invisible_characters_is_read_as_it_looks()
    {
        var cases = new (string Lang, string Text, long Count)[]
        {
            ("id", "Sebanyak 1\u200b4 orang tewas dalam banjir di Padang.", 14),
            ("id", "Sebanyak 1\u200c\u200d4 orang tewas dalam banjir di Padang.", 14),
            ("id", "Sebanyak 1\u20604 orang tewas dalam banjir di Padang.", 14),
            ("id", "Sebanyak 1\ufeff4 orang tewas dalam banjir di Padang.", 14),
            ("id", "Sebanyak 1\u00a0400 orang tewas dalam banjir di Padang.", 1400),
            ("id", "Sebanyak 12\u202f000\u202f000 orang mengungsi akibat banjir di Padang.", 12000000),
            ("id", "Sebanyak 14\u200e orang tewas dalam banjir di Padang.", 14),
            ("id", "Sebanyak \u202b14\u202c orang tewas dalam banjir di Padang.", 14),
            ("id", "Sebanyak \u206714\u2069 orang tewas dalam banjir di Padang.", 14),
            ("en", "At least 1\u200b4 people were killed in the floods in Padang.", 14),
            ("en", "At least 2\u2009350 people were killed in the floods in Padang.", 2350),
            ("en", "At least 14\u200f people were killed in the floods in Padang.", 14),
        };
        foreach (var lang in new[] { "id", "en" })
        {
            using var dir = new TempDir();
            var mine = cases.Where(c => c.Lang == lang).ToList();
            for (int i = 0; i < mine.Count; i++) dir.File($"t{i:00}.txt", mine[i].Text);
            var r = CliRunner.Run(["extract", dir.Path, "--lang", lang]);
            Assert.Equal(0, r.ExitCode);
            var docs = Docs(r.Stdout);
            Assert.Equal(mine.Count, docs.Count);
            for (int i = 0; i < mine.Count; i++)
            {
                var claim = Assert.Single(docs[i].GetProperty("claims").EnumerateArray());
                Assert.True(mine[i].Count == claim.GetProperty("count").GetProperty("low").GetInt64(), $"{mine[i].Text}: {claim}");
                AssertOffsetsHonest(docs[i]);
                Assert.DoesNotContain(DocText(docs[i]), c => c is '\u200b' or '\u200c' or '\u200d' or '\u2060' or '\ufeff' or '\u200e' or '\u200f' or '\u202b' or '\u202c' or '\u2067' or '\u2069');
            }
        }
    }

    [Theory]
    [InlineData("1\u00a0400", "1400")]
    [InlineData("1\u00a0400\u00a0000 orang", "1400000 orang")]
    [InlineData("tahun 2024\u00a0100 orang", "tahun 2024\u00a0100 orang")] // four digits before: not a group
    [InlineData("1\u00a01234", "1\u00a01234")]                            // four after
    [InlineData("1\u00a040 orang", "1\u00a040 orang")]                    // two after
    [InlineData("1,5\u00a0000", "1,5\u00a0000")]                          // after a decimal part
    [InlineData("sebanyak\u00a01\u00a0400", "sebanyak\u00a01400")]        // a no-break space between words stays
    [InlineData("1\u00a0400\u00a012", "1400\u00a012")]
    [InlineData("kata\u200bkata 1\u200b", "kata\u200bkata 1\u200b")]      // zero-width between words, or after a number, stays
    [InlineData("\u200f\u200eA\u202a1\u202c", "A1")]
    public void Invisible_characters_are_settled_only_where_they_join_a_number(string text, string expected)
    {
        Assert.Equal(expected, TextCleaner.Invisibles(text));
        var plain = "Sebanyak 14 orang tewas.";
        Assert.Same(plain, TextCleaner.Invisibles(plain));
    }

    [Fact]
    public void Settling_invisible_characters_is_linear_in_the_text()
    {
        // A long chain of groups ("1 000 000 000 ...") is one walk: each separator looks back to the last one only.
        string Chain(int groups) => "1" + string.Concat(Enumerable.Repeat("\u00a0000", groups)) + " orang";
        long Allocated(int groups)
        {
            var text = Chain(groups);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var cleaned = TextCleaner.Invisibles(text);
            long spent = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal("1" + new string('0', 3 * groups) + " orang", cleaned);
            return spent;
        }
        long small = Allocated(100_000), large = Allocated(200_000);
        Assert.True(large < 3 * small, $"{small} bytes for 100,000 groups, {large} for 200,000");
    }

    // ---- 5. RSS 0.91 with its DOCTYPE -------------------------------------------------------------------------

    [Fact]
    public void An_RSS_0_91_feed_with_the_Netscape_DOCTYPE_is_read_and_its_DTD_never_fetched()
    {
        using var server = new LocalHttpServer();
        server.Add("/rss-0.91.dtd", "application/xml-dtd", "<!ENTITY eacute \"X\">");
        using var dir = new TempDir();
        var feed = dir.File("netscape.rss", $"""
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "{server.Url("/rss-0.91.dtd")}">
            <rss version="0.91"><channel><title>Kabar Caf&eacute;</title><link>https://example.org/</link>
            <description>Berita</description><language>id</language>
            <item><title>Banjir di Padang</title><link>https://example.org/1</link><description>{Padang} Caf&eacute; &amp; pasar tutup.</description></item>
            <item><title>Banjir di Medan</title><link>https://example.org/2</link><description>{Medan}</description></item>
            </channel></rss>
            """);
        var r = CliRunner.Run(["extract", feed]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        var docs = Docs(r.Stdout);
        Assert.Equal(2, docs.Count);
        Assert.Contains("Café & pasar tutup.", DocText(docs[0]));
        Assert.Equal([14L, 12L], docs.Select(d => d.GetProperty("claims")[0].GetProperty("count").GetProperty("low").GetInt64()));
        Assert.Empty(server.Paths);
    }

    [Fact]
    public void A_DOCTYPE_that_declares_entities_expands_none_of_them()
    {
        using var dir = new TempDir();
        var secret = dir.File("secret.txt", "RAHASIA-0451");
        // An external entity (XXE) and an entity bomb: the items that use them are lost, the others read.
        var lol = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">"));
        var feed = dir.File("hostile.rss", $"""
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY lol0 "lol">{lol}]>
            <rss version="2.0"><channel><title>Kabar</title><link>https://example.org/</link><description>d</description>
            <item><title>Satu</title><link>https://example.org/1</link><description>{Padang} &xxe;</description></item>
            <item><title>Dua</title><link>https://example.org/2</link><description>{Medan} &lol9;</description></item>
            <item><title>Tiga</title><link>https://example.org/3</link><description>{Agam}</description></item>
            </channel></rss>
            """);
        var (docs, errors) = Read(feed);
        Assert.Equal(["hostile-3"], docs.Select(d => d.Id));
        Assert.Equal([$"{feed}[1]", $"{feed}[2]"], errors.Select(e => e.Origin));
        Assert.All(errors, e => Assert.StartsWith("malformed item: ", e.Reason));
        Assert.DoesNotContain(docs, d => d.Body.Contains("RAHASIA") || d.Body.Contains("lollol"));
    }
}
