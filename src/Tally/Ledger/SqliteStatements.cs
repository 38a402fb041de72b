using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Tally.Ledger;

/// <summary>
/// The ledger's writes on SQLite, as statements prepared once and bound by position. Microsoft.Data.Sqlite looks up
/// every parameter by name at every execution (a linear search in SQLite per parameter, and a UTF-8 copy of the name);
/// a claim's INSERT has some forty. Here the names are resolved to positions once per statement. The statements run on
/// the connection's own handle, so they take part in its transactions; each is reset after use, so a COMMIT never
/// finds one in progress. Values are bound as they are: strings as text, integers as 64-bit integers, doubles as
/// reals, null (and <see cref="DBNull"/>) as NULL.
/// </summary>
internal sealed class SqliteStatements(SqliteConnection connection) : IDisposable
{
    private sealed class Statement(sqlite3_stmt handle)
    {
        public readonly sqlite3_stmt Handle = handle;
        public string[] Names = [];
        public int[] Positions = [];
    }

    private readonly Dictionary<string, Statement> _cache = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="sql"/> and returns the first column of its first row (long, double, string), or null.</summary>
    public object? Scalar(string sql, ReadOnlySpan<(string Name, object? Value)> ps) => Run(sql, ps, wantValue: true);

    /// <summary>Runs <paramref name="sql"/> to completion.</summary>
    public void Exec(string sql, ReadOnlySpan<(string Name, object? Value)> ps) => Run(sql, ps, wantValue: false);

    private object? Run(string sql, ReadOnlySpan<(string Name, object? Value)> ps, bool wantValue)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the ledger's connection is closed");
        var s = Prepare(db, sql);
        var stmt = s.Handle;
        try
        {
            Bind(db, s, ps);
            object? value = null;
            bool first = true;
            while (true)
            {
                int rc = raw.sqlite3_step(stmt);
                if (rc == raw.SQLITE_DONE) break;
                if (rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, db);
                if (first && wantValue) value = Column(stmt, 0);
                first = false;
            }
            return value;
        }
        finally
        {
            raw.sqlite3_reset(stmt);
        }
    }

    /// <summary>Runs a query and reads each of its rows with <paramref name="read"/> (the row is valid only during the call).</summary>
    public List<T> Rows<T>(string sql, ReadOnlySpan<(string Name, object? Value)> ps, Func<SqliteRow, T> read)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the ledger's connection is closed");
        var s = Prepare(db, sql);
        var stmt = s.Handle;
        var list = new List<T>();
        try
        {
            Bind(db, s, ps);
            while (true)
            {
                int rc = raw.sqlite3_step(stmt);
                if (rc == raw.SQLITE_DONE) break;
                if (rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, db);
                list.Add(read(new SqliteRow(stmt)));
            }
            return list;
        }
        finally
        {
            raw.sqlite3_reset(stmt);
        }
    }

    private Statement Prepare(sqlite3 db, string sql)
    {
        if (_cache.TryGetValue(sql, out var s)) return s;
        int rc = raw.sqlite3_prepare_v2(db, sql, out var stmt, out var tail);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            stmt.Dispose();
            throw new ArgumentException("one statement at a time: " + sql, nameof(sql));
        }
        s = new Statement(stmt);
        _cache[sql] = s;
        return s;
    }

    private static void Bind(sqlite3 db, Statement s, ReadOnlySpan<(string Name, object? Value)> ps)
    {
        var stmt = s.Handle;
        if (ps.Length != raw.sqlite3_bind_parameter_count(stmt))
            throw new ArgumentException($"the statement has {raw.sqlite3_bind_parameter_count(stmt)} parameters, {ps.Length} given");
        // Positions by name, worked out again only when the caller names its values differently.
        bool same = s.Names.Length == ps.Length;
        for (int i = 0; same && i < ps.Length; i++) same = string.Equals(s.Names[i], ps[i].Name, StringComparison.Ordinal);
        if (!same)
        {
            var names = new string[ps.Length];
            var positions = new int[ps.Length];
            for (int i = 0; i < ps.Length; i++)
            {
                names[i] = ps[i].Name;
                positions[i] = raw.sqlite3_bind_parameter_index(stmt, ps[i].Name);
                if (positions[i] == 0) throw new ArgumentException($"no parameter {ps[i].Name} in: {raw.sqlite3_sql(stmt).utf8_to_string()}");
            }
            s.Names = names;
            s.Positions = positions;
        }
        for (int i = 0; i < ps.Length; i++)
        {
            int at = s.Positions[i];
            int rc = ps[i].Value switch
            {
                null or DBNull => raw.sqlite3_bind_null(stmt, at),
                string text => raw.sqlite3_bind_text(stmt, at, text),
                long l => raw.sqlite3_bind_int64(stmt, at, l),
                int n => raw.sqlite3_bind_int64(stmt, at, n),
                bool b => raw.sqlite3_bind_int64(stmt, at, b ? 1 : 0),
                double d => raw.sqlite3_bind_double(stmt, at, d),
                var other => throw new ArgumentException($"cannot bind a {other.GetType().Name} to {ps[i].Name}"),
            };
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private static object? Column(sqlite3_stmt stmt, int i) => raw.sqlite3_column_type(stmt, i) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(stmt, i),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(stmt, i),
        raw.SQLITE_NULL => null,
        _ => raw.sqlite3_column_text(stmt, i).utf8_to_string(),
    };

    public void Dispose()
    {
        foreach (var s in _cache.Values) s.Handle.Dispose();
        _cache.Clear();
    }
}

/// <summary>The values of the current row of a query, read straight from SQLite.</summary>
internal readonly struct SqliteRow(sqlite3_stmt stmt) : IRowValues
{
    public string? Str(int i) => raw.sqlite3_column_type(stmt, i) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(stmt, i).utf8_to_string();
    public long? Long(int i) => raw.sqlite3_column_type(stmt, i) switch
    {
        raw.SQLITE_NULL => null,
        raw.SQLITE_FLOAT => (long)raw.sqlite3_column_double(stmt, i),
        _ => raw.sqlite3_column_int64(stmt, i),
    };
}

/// <summary>A row's values by column, whichever way the row is read.</summary>
internal interface IRowValues
{
    string? Str(int i);
    long? Long(int i);
}

/// <summary>The values of the current row of an ADO.NET reader.</summary>
internal readonly struct ReaderRow(System.Data.Common.DbDataReader r) : IRowValues
{
    public string? Str(int i) => LedgerStore.Str(r, i);
    public long? Long(int i) => LedgerStore.Long(r, i);
}
