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
}
