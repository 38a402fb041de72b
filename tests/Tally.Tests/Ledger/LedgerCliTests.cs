using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Tally.Ledger;
using Tally.Testing;
using Tally.Tests.Cli;

namespace Tally.Tests.Ledger;

/// <summary>ingest, claims, show and timeline through the real program; a killed ingest recovers.</summary>
public class LedgerCliTests
{
    [Fact]
    public void Ingest_claims_show_and_timeline_through_the_program()
    {
        using var d = new TempDir();
        var docs = Path.Combine(d.Path, "docs.jsonl");
        SyntheticNews.WriteJsonLines(docs, SyntheticNews.Generate(SyntheticNews.OwnBase, 60));
        var db = Path.Combine(d.Path, "tally.db");

        var ingest = CliRunner.Run(["ingest", docs, "--db", db]);
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("documents read 60, stored 60", ingest.Stderr);
        Assert.Contains("docs/s", ingest.Stderr);
        var again = CliRunner.Run(["ingest", docs, "--db", db]);
        Assert.Contains("stored 0", again.Stderr);

        // The filters are checked as the web API checks its query: one set of rules.
        var badWho = CliRunner.Run(["claims", "--db", db, "--who", "Indonesia"]);
        Assert.Equal(2, badWho.ExitCode);
        Assert.Contains("--who: a two-letter country code", badWho.Stderr);
        var badCategory = CliRunner.Run(["claims", "--db", db, "--category", "bogus"]);
        Assert.Equal(2, badCategory.ExitCode);
        Assert.Contains("--category: unknown category; one of killed", badCategory.Stderr);
        var badTimeline = CliRunner.Run(["timeline", "--db", db, "--who", "Indonesia", "--category", "killed"]);
        Assert.Equal(2, badTimeline.ExitCode);
        Assert.Contains("--who: a two-letter country code", badTimeline.Stderr);
        Assert.Contains("skipped 60", again.Stderr);

        var jsonl = CliRunner.Run(["claims", "--db", db, "--category", "killed", "--format", "jsonl"]);
        Assert.Equal(0, jsonl.ExitCode);
        var entries = jsonl.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal("killed", e.GetProperty("category").GetString()));
        Assert.All(entries, e => Assert.True(e.GetProperty("citations").GetArrayLength() >= 1));

        var table = CliRunner.Run(["claims", "--db", db, "--who", "MM"]);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("civilians", table.Stdout);
        Assert.Contains("citations", table.Stdout);

        var hxl = CliRunner.Run(["claims", "--db", db, "--format", "hxl"]);
        Assert.Contains("#affected+killed", hxl.Stdout.Split('\n')[1]);

        var id = entries[0].GetProperty("id").GetInt64();
        var show = CliRunner.Run(["show", id.ToString(), "--db", db]);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains($"Entry {id}: killed", show.Stdout);
        Assert.Contains(entries[0].GetProperty("citations")[0].GetProperty("evidence").GetProperty("sentence").GetString()!, show.Stdout);

        var plot = Path.Combine(d.Path, "t.svg");
        var timeline = CliRunner.Run(["timeline", "--db", db, "--who", "ID", "--category", "killed", "--plot", plot]);
        Assert.Equal(0, timeline.ExitCode);
        Assert.Contains("estimates", timeline.Stdout);
        Assert.Contains("<svg", File.ReadAllText(plot));

        var missing = CliRunner.Run(["show", "999999", "--db", db]);
        Assert.Equal(2, missing.ExitCode);
    }

    /// <summary>
    /// Kills an ingest of several thousand documents part-way with SIGKILL, runs it again, and checks the database:
    /// integrity, no document twice, and the same ledger as one clean run.
    /// </summary>
    [Fact]
    public void A_killed_ingest_leaves_a_consistent_database_and_a_rerun_completes_it()
    {
        using var d = new TempDir();
        var docs = Path.Combine(d.Path, "docs.jsonl");
        const int n = 4000;
        SyntheticNews.WriteJsonLines(docs, SyntheticNews.Generate(SyntheticNews.OwnBase, n));
        var db = Path.Combine(d.Path, "killed.db");

        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { CliRunner.Dll, "ingest", docs, "--db", db, "--batch", "50" }) psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            p.ErrorDataReceived += (_, _) => { };
            p.BeginErrorReadLine();
            p.BeginOutputReadLine();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            long stored = 0;
            while (DateTime.UtcNow < deadline && !p.HasExited)
            {
                Thread.Sleep(100);
                stored = CountDocuments(db);
                if (stored >= 300) break;
            }
            Assert.False(p.HasExited, "the ingest finished before it could be killed; raise the document count");
            Assert.True(stored > 0 && stored < n, $"stored {stored} before the kill");
            p.Kill(entireProcessTree: true); // SIGKILL
            p.WaitForExit();
        }
        var partial = CountDocuments(db);
        Assert.InRange(partial, 1, n - 1);
        Assert.Equal("ok", Scalar(db, "PRAGMA integrity_check"));

        var rerun = CliRunner.Run(["ingest", docs, "--db", db, "--batch", "50"], timeoutMs: 300_000);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal("ok", Scalar(db, "PRAGMA integrity_check"));
        Assert.Equal(n, CountDocuments(db));
        Assert.Equal(0L, Convert.ToInt64(Scalar(db, "SELECT COUNT(*) FROM (SELECT content_hash FROM documents GROUP BY content_hash HAVING COUNT(*) > 1)")));

        // The same ledger as an uninterrupted run.
        var clean = Path.Combine(d.Path, "clean.db");
        Assert.Equal(0, CliRunner.Run(["ingest", docs, "--db", clean, "--batch", "50"], timeoutMs: 300_000).ExitCode);
        foreach (var sql in new[] { "SELECT COUNT(*) FROM claims WHERE entry_id IS NOT NULL", "SELECT COUNT(*) FROM entries", "SELECT SUM(citations) FROM entries" })
            Assert.Equal(Scalar(clean, sql), Scalar(db, sql));
    }

    private static long CountDocuments(string db)
    {
        if (!File.Exists(db)) return 0;
        try { return Convert.ToInt64(Scalar(db, "SELECT COUNT(*) FROM documents")); }
        catch (SqliteException) { return 0; }
    }

    private static object? Scalar(string db, string sql)
    {
        // SQLite is configured by the dialect before this process's first connection (see SqliteDialect.MultiThreadMode).
        _ = SqliteDialect.MultiThreadMode;
        // A fresh connection each time, never a pooled one: SQLite 3.53's PRAGMA integrity_check reports an FTS5 "checksum
        // mismatch" on a connection that read the FTS5 table before another process wrote to it (its searches stay right).
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
