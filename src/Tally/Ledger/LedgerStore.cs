using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;

namespace Tally.Ledger;

/// <summary>
/// The ledger: documents, their claims, and the entries that merge the same claim across documents, in SQLite or
/// PostgreSQL. Every batch is one transaction: a killed ingest leaves the database as it was after the last whole
/// batch, and running it again completes the job (documents already stored are recognised and skipped).
/// All SQL is parameterised. This part holds the connection and its prepared statements; the writes are in
/// LedgerStore.Ingest.cs, the reads in LedgerStore.Queries.cs, and the columns a claim is stored in in <see cref="ClaimColumns"/>.
/// </summary>
public sealed partial class LedgerStore : IDisposable
{
    private readonly DbConnection _conn;
    private readonly MergeOptions _merge;

    public SqlDialect Dialect { get; }

    private LedgerStore(SqlDialect dialect, DbConnection conn, MergeOptions merge)
    {
        Dialect = dialect; _conn = conn; _merge = merge;
        _sqlite = conn is Microsoft.Data.Sqlite.SqliteConnection s ? new SqliteStatements(s) : null;
    }

    /// <summary>Opens (creating or upgrading) the ledger at <paramref name="location"/>: an SQLite path or a PostgreSQL connection string.</summary>
    public static LedgerStore Open(string location, MergeOptions? merge = null, int? schemaVersion = null)
    {
        var dialect = SqlDialect.For(location);
        var conn = dialect.Open();
        try
        {
            Migrations.Apply(conn, dialect, schemaVersion);
        }
        catch
        {
            conn.Dispose();
            throw;
        }
        return new LedgerStore(dialect, conn, merge ?? new MergeOptions());
    }

    /// <summary>
    /// Opens a ledger that is already at this program's schema version, without migrating it (the extra connections of a
    /// <see cref="LedgerPool"/>, whose first connection migrated the database). A database at another version is refused.
    /// </summary>
    internal static LedgerStore Attach(string location, MergeOptions? merge = null)
    {
        var dialect = SqlDialect.For(location);
        var conn = dialect.Open();
        try
        {
            var version = Migrations.CurrentVersion(conn);
            if (version != Migrations.Latest)
                throw new InvalidOperationException($"the database has schema version {version}, this Tally expects {Migrations.Latest}");
        }
        catch
        {
            conn.Dispose();
            throw;
        }
        return new LedgerStore(dialect, conn, merge ?? new MergeOptions());
    }

    public int SchemaVersion => Migrations.CurrentVersion(_conn);

    /// <summary>
    /// For a long run of writes (an ingest): most of SQLite's checkpointing — copying the write-ahead log into the
    /// database — is done by a thread of its own with its own connection (passive checkpoints, which never block the
    /// writer), on the other core while the writer goes on; the writer's own automatic checkpoint then finds the log
    /// mostly copied, finishes it and lets the log start over. Disposing stops that thread. Nothing is less safe: the
    /// log is the database's until it is copied, and a killed process leaves it to the next connection. PostgreSQL:
    /// nothing to do (null).
    /// </summary>
    public IDisposable? CheckpointInBackground(TimeSpan? every = null)
    {
        if (Dialect is not SqliteDialect sqlite) return null;
        return new BackgroundCheckpoints(sqlite, every ?? TimeSpan.FromMilliseconds(500));
    }

    private sealed class BackgroundCheckpoints : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public BackgroundCheckpoints(SqliteDialect dialect, TimeSpan every)
        {
            _loop = Task.Factory.StartNew(() =>
            {
                using var conn = dialect.Open();
                while (!_stop.Token.WaitHandle.WaitOne(every)) Checkpoint(conn);
                Checkpoint(conn);
            }, TaskCreationOptions.LongRunning);
        }

        public void Dispose()
        {
            _stop.Cancel();
            try { _loop.Wait(); } catch (AggregateException) { }
            _stop.Dispose();
        }

        private static void Checkpoint(DbConnection c)
        {
            // A busy database (the writer mid-commit) only shortens a passive checkpoint; an error leaves the work to the
            // next one or to the writer's automatic checkpoints.
            try
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                cmd.ExecuteNonQuery();
            }
            catch (Microsoft.Data.Sqlite.SqliteException) { }
        }
    }

    public void Dispose()
    {
        foreach (var cmd in _statements.Values) cmd.Dispose();
        _statements.Clear();
        _sqlite?.Dispose();
        _conn.Dispose();
    }

    /// <summary>
    /// A transaction that writes: on SQLite it begins IMMEDIATE (the database's one write lock, waited for up to the busy
    /// timeout, and again while another writer's long batch holds it); on PostgreSQL it first takes the ledger's
    /// advisory lock (<see cref="SqlDialect.WriteLock"/>). Either way writers take turns, and each batch sees every batch
    /// committed before it.
    /// </summary>
    private DbTransaction BeginWrite()
    {
        var deadline = DateTime.UtcNow + WriteWait;
        while (true)
        {
            DbTransaction tx;
            try { tx = _conn.BeginTransaction(); }
            catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode is 5 or 6 && DateTime.UtcNow < deadline) { continue; } // SQLITE_BUSY, SQLITE_LOCKED
            try
            {
                foreach (var sql in Dialect.WriteLock()) Exec(tx, sql);
                return tx;
            }
            catch
            {
                tx.Dispose();
                throw;
            }
        }
    }

    /// <summary>How long a writer waits for another process's writes before it gives up (SQLite; PostgreSQL waits for the lock).</summary>
    internal static TimeSpan WriteWait { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// A transaction that only reads: on SQLite a deferred one, a snapshot that neither waits for a writer nor makes one
    /// wait (a plain BEGIN of Microsoft.Data.Sqlite is IMMEDIATE and would queue every read behind an ingest's batch).
    /// </summary>
    private DbTransaction BeginRead() =>
        _conn is Microsoft.Data.Sqlite.SqliteConnection s ? s.BeginTransaction(deferred: true) : _conn.BeginTransaction();

    /// <summary>Runs a statement in its own transaction (tests: building a database as an older Tally left it).</summary>
    internal int Execute(string sql)
    {
        using var tx = _conn.BeginTransaction();
        using var cmd = _conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        int n = cmd.ExecuteNonQuery();
        tx.Commit();
        return n;
    }

    /// <summary>Runs a read-only SQL statement (tests and diagnostics: integrity checks, row dumps).</summary>
    public List<object?[]> Rows(string sql)
    {
        using var tx = BeginRead();
        var list = new List<object?[]>();
        var cmd5 = Command(tx, sql);
        using (var r = cmd5.ExecuteReader())
            while (r.Read())
            {
                var row = new object?[r.FieldCount];
                for (int i = 0; i < r.FieldCount; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
                list.Add(row);
            }
        tx.Commit();
        return list;
    }

    // ---------------------------------------------------------------- statements

    // SQLite's writes and single values go through statements bound by position (see SqliteStatements); PostgreSQL's
    // and every reader through these.
    private readonly SqliteStatements? _sqlite;

    /// <summary>The values with typed nulls as plain nulls (SQLite needs no type for a null).</summary>
    private static (string, object?)[] Untyped((string, object?)[] ps)
    {
        for (int i = 0; i < ps.Length; i++) if (ps[i].Item2 is TypedNull) ps[i].Item2 = null;
        return ps;
    }

    // Prepared statements, one per SQL text, reused for the life of the connection (preparing the long INSERTs and
    // candidate queries costs more than running them).
    private readonly Dictionary<string, DbCommand> _statements = new(StringComparer.Ordinal);

    /// <summary>The cached command for <paramref name="sql"/> with these parameter values (callers must not dispose it).</summary>
    private DbCommand Command(DbTransaction tx, string sql, params (string Name, object? Value)[] ps)
    {
        if (!_statements.TryGetValue(sql, out var cmd))
        {
            cmd = _conn.CreateCommand();
            cmd.CommandText = sql;
            _statements[sql] = cmd;
        }
        cmd.Transaction = tx;
        var parameters = cmd.Parameters;
        bool same = parameters.Count == ps.Length;
        for (int i = 0; same && i < ps.Length; i++) same = parameters[i].ParameterName == ps[i].Name;
        if (!same) parameters.Clear();
        for (int i = 0; i < ps.Length; i++)
        {
            var (name, value) = ps[i];
            var p = same ? parameters[i] : cmd.CreateParameter();
            p.ParameterName = name;
            if (value is TypedNull tn) { p.DbType = tn.Type; p.Value = DBNull.Value; }
            else
            {
                p.DbType = value switch
                {
                    null or string => DbType.String,
                    int => DbType.Int32,
                    long => DbType.Int64,
                    double => DbType.Double,
                    _ => p.DbType,
                };
                p.Value = value ?? DBNull.Value;
            }
            if (!same) parameters.Add(p);
        }
        return cmd;
    }

    private object? Scalar(DbTransaction tx, string sql, params (string, object?)[] ps)
    {
        if (_sqlite is not null) return _sqlite.Scalar(sql, Untyped(ps));
        var cmd = Command(tx, sql, ps);
        var v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    private void Exec(DbTransaction tx, string sql, params (string, object?)[] ps)
    {
        if (_sqlite is not null) { _sqlite.Exec(sql, Untyped(ps)); return; }
        var cmd = Command(tx, sql, ps);
        cmd.ExecuteNonQuery();
    }

    internal static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    internal static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i));
    internal static double? Dbl(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i));
    private static string? Min(string? a, string? b) => a is null ? b : b is null ? a : string.CompareOrdinal(a, b) <= 0 ? a : b;
    private static string? Max(string? a, string? b) => a is null ? b : b is null ? a : string.CompareOrdinal(a, b) >= 0 ? a : b;

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A URL's identity: scheme and host in lower case, no fragment, no tracking parameters, no trailing slash.</summary>
    public static string NormalizeUrl(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u)) return url.Trim();
        var query = string.Join('&', u.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("fbclid", StringComparison.OrdinalIgnoreCase)
                        && !p.StartsWith("gclid", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal));
        var path = u.AbsolutePath.Length > 1 ? u.AbsolutePath.TrimEnd('/') : "";
        return $"{u.Scheme.ToLowerInvariant()}://{u.Host.ToLowerInvariant()}{(u.IsDefaultPort ? "" : ":" + u.Port)}{path}{(query.Length > 0 ? "?" + query : "")}";
    }

    /// <summary>The outlet of a URL when the input names none: its host without "www.".</summary>
    public static string? Outlet(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Host.Length > 0
            ? (u.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? u.Host[4..] : u.Host).ToLowerInvariant()
            : null;
}