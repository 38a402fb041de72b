using Tally.Ledger;

namespace Tally.Tests.Ledger;

public class SqliteModeTests
{
    [Fact]
    public void SQLite_runs_without_its_serializing_mutexes_and_the_ledger_still_works_from_several_threads()
    {
        var dir = Directory.CreateTempSubdirectory("tally-sqlite-mode-");
        try
        {
            var db = Path.Combine(dir.FullName, "t.db");
            using (var c = new SqliteDialect(db).Open())
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)";
                cmd.ExecuteNonQuery();
            }
            // Every SQLite connection in this process is opened through the dialect, so the configuration came first.
            Assert.True(SqliteDialect.MultiThreadMode);

            // Multi-thread mode: each thread its own connection, used by it alone.
            Parallel.For(0, 4, k =>
            {
                using var c = new SqliteDialect(db).Open();
                for (int i = 0; i < 50; i++)
                {
                    using var cmd = c.CreateCommand();
                    cmd.CommandText = "INSERT INTO t (v) VALUES ($v)";
                    var p = cmd.CreateParameter();
                    p.ParameterName = "$v";
                    p.Value = $"{k}-{i}";
                    cmd.Parameters.Add(p);
                    cmd.ExecuteNonQuery();
                }
            });
            using var check = new SqliteDialect(db).Open();
            using var count = check.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM t";
            Assert.Equal(200L, (long)count.ExecuteScalar()!);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Background_checkpoints_copy_the_log_into_the_database_while_the_writer_goes_on()
    {
        using var t = new TestLedger("sqlite");
        using var store = t.Open();
        var before = new FileInfo(t.Location).Length;
        using (store.CheckpointInBackground(TimeSpan.FromMilliseconds(20)))
        {
            // Far less log than the writer's own automatic checkpoint waits for (64 MB): only the background copies it.
            for (int b = 0; b < 5; b++)
                store.Ingest(Enumerable.Range(0, 40).Select(i => LedgerTests.Doc($"d{b}-{i}", $"https://example.org/{b}/{i}",
                    $"Sebanyak {b * 100 + i + 1} warga mengungsi akibat banjir di Desa Sukamaju {b}-{i}, kata petugas BPBD.", "2024-05-01")).ToList());
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (new FileInfo(t.Location).Length <= before && DateTime.UtcNow < deadline) Thread.Sleep(20);
        }
        Assert.True(new FileInfo(t.Location).Length > before, "the database file did not grow: nothing was checkpointed");
        Assert.Equal(200, store.Totals().Documents);
        Assert.Equal(200, store.List(new EntryFilter { Category = Tally.Model.Category.Displaced }).Count);
        // The writer goes on after the background thread stopped.
        store.Ingest([LedgerTests.Doc("last", "https://example.org/last", "Sebanyak 7 warga tewas di Desa Sukamaju.", "2024-05-02")]);
        Assert.Equal(201, store.Totals().Documents);
    }
}
