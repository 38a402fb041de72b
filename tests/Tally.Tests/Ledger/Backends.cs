using Npgsql;
using Tally.Ledger;

namespace Tally.Tests.Ledger;

/// <summary>
/// The two ledger backends for theory tests. PostgreSQL runs when TALLY_TEST_POSTGRES names a server
/// (scripts/test starts one); each test gets a database of its own, dropped afterwards.
/// </summary>
public sealed class TestLedger : IDisposable
{
    private readonly string? _pgDatabase;
    private readonly string? _sqliteDir;

    public string Location { get; }
    public string Backend { get; }

    public static TheoryData<string> Names => new() { "sqlite", "postgresql" };

    public static string? PostgresServer => Environment.GetEnvironmentVariable("TALLY_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public TestLedger(string backend)
    {
        Backend = backend;
        if (backend == "postgresql")
        {
            Skip.If(PostgresServer is null, "TALLY_TEST_POSTGRES is not set (scripts/test starts a PostgreSQL server)");
            _pgDatabase = "tally_test_" + Guid.NewGuid().ToString("N")[..12];
            using (var c = new NpgsqlConnection(PostgresServer))
            {
                c.Open();
                using var cmd = c.CreateCommand();
                cmd.CommandText = $"CREATE DATABASE {_pgDatabase}";
                cmd.ExecuteNonQuery();
            }
            Location = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _pgDatabase, Pooling = false }.ConnectionString;
        }
        else
        {
            _sqliteDir = Path.Combine(Path.GetTempPath(), "tally-ledger-" + Guid.NewGuid().ToString("N")[..10]);
            Directory.CreateDirectory(_sqliteDir);
            Location = Path.Combine(_sqliteDir, "tally.db");
        }
    }

    public LedgerStore Open(MergeOptions? merge = null, int? schemaVersion = null) => LedgerStore.Open(Location, merge, schemaVersion);

    public void Dispose()
    {
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var c = new NpgsqlConnection(PostgresServer);
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)";
            cmd.ExecuteNonQuery();
        }
        if (_sqliteDir is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteDir, true); } catch (IOException) { }
        }
    }
}
