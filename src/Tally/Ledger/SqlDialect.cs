using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tally.Ledger;

/// <summary>What differs between the two backends; everything else is shared SQL with named parameters.</summary>
public abstract class SqlDialect
{
    public abstract string Name { get; }
    public abstract DbConnection Open();
    /// <summary>Auto-numbered primary key column type.</summary>
    public abstract string Identity { get; }
    public abstract string Real { get; }
    /// <summary>Statements that create the full-text index over entries.</summary>
    public abstract IEnumerable<string> CreateSearch();
    /// <summary>Statements (migration 5) that index every claim's text — its evidence, party, place, source and count —
    /// for search, replacing the per-entry index of migration 1; existing claims are indexed.</summary>
    public abstract IEnumerable<string> CreateClaimSearch();
    /// <summary>Statements (migration 7) that make the claim index lighter to write where the backend allows; existing
    /// claims are indexed again.</summary>
    public abstract IEnumerable<string> SlimClaimSearch();
    /// <summary>Statements (migration 8) that index a claim's own text (party, place, source, count) and each stored
    /// sentence once, instead of every claim's copy of its sentence; existing claims and sentences are indexed.</summary>
    public abstract IEnumerable<string> SentenceSearch();
    /// <summary>Index a new claim's own text (@id, @body).</summary>
    public abstract IEnumerable<string> IndexClaim();
    /// <summary>Index a new sentence (@id, @body).</summary>
    public abstract IEnumerable<string> IndexSentence();
    /// <summary>
    /// A condition on a claim row aliased <c>c</c>: its own text or its sentence holds the one search word in
    /// <paramref name="parameter"/> (a value of <see cref="SearchWords"/>).
    /// </summary>
    public abstract string ClaimMatches(string parameter);
    /// <summary>The user's search words, each as the backend's query for that one word (none: no search).</summary>
    public abstract IReadOnlyList<string> SearchWords(string words);
    /// <summary>A claim row's searchable text, as SQL (for indexing claims stored before migration 5).</summary>
    protected const string ClaimBody =
        "evidence || ' ' || COALESCE(who_text, '') || ' ' || COALESCE(where_text, '') || ' ' || COALESCE(source_text, '') || ' ' || count_text";
    /// <summary>A claim row's own searchable text, its sentence aside, as SQL (migration 8).</summary>
    protected const string ClaimFields =
        "COALESCE(who_text, '') || ' ' || COALESCE(where_text, '') || ' ' || COALESCE(source_text, '') || ' ' || count_text";

    /// <summary>
    /// The words of a search as the indexes cut them: at anything but a letter, digit or mark ("Jalur-Gaza" is "Jalur"
    /// and "Gaza"), so both backends find the same claims.
    /// </summary>
    protected static IEnumerable<string> SearchTerms(string words)
    {
        var term = new System.Text.StringBuilder();
        foreach (var ch in words + " ")
        {
            var cat = char.GetUnicodeCategory(ch);
            if (char.IsLetterOrDigit(ch) || cat is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
                term.Append(ch);
            else if (term.Length > 0) { yield return term.ToString(); term.Clear(); }
        }
    }

    /// <summary>Case-insensitive substring condition.</summary>
    public abstract string Contains(string column, string parameter);
    public virtual void Configure(DbConnection c) { }

    /// <summary>
    /// Statements run first in every transaction that writes the ledger (an ingest batch, a migration), which make writers
    /// take turns across processes: two writers then leave the ledger one writer would. SQLite needs none (a write
    /// transaction begins IMMEDIATE and holds the database's one write lock); PostgreSQL takes a transaction-level
    /// advisory lock, released at commit or rollback.
    /// </summary>
    public virtual IEnumerable<string> WriteLock() => [];

    /// <summary>SQLite file (the default: ./tally.db) or a PostgreSQL connection string ("Host=..." or postgres://...).</summary>
    public static SqlDialect For(string location)
    {
        var l = location.Trim();
        if (l.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || l.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new PostgresDialect(FromUrl(l));
        if (l.Contains("Host=", StringComparison.OrdinalIgnoreCase) || l.Contains("Server=", StringComparison.OrdinalIgnoreCase))
            return new PostgresDialect(l);
        return new SqliteDialect(l);
    }

    private static string FromUrl(string url)
    {
        var u = new Uri(url);
        var b = new NpgsqlConnectionStringBuilder { Host = u.Host, Port = u.Port > 0 ? u.Port : 5432, Database = u.AbsolutePath.Trim('/') };
        if (u.UserInfo.Split(':') is { Length: >= 1 } ui && ui[0].Length > 0)
        {
            b.Username = Uri.UnescapeDataString(ui[0]);
            if (ui.Length > 1) b.Password = Uri.UnescapeDataString(ui[1]);
        }
        return b.ConnectionString;
    }
}

public sealed class SqliteDialect(string path) : SqlDialect
{
    public string Path { get; } = path;
    public override string Name => "sqlite";
    public override string Identity => "INTEGER PRIMARY KEY";
    public override string Real => "REAL";

    // Before the first connection of the process: SQLite in multi-thread mode (a connection is never used by two threads at
    // once here — SqliteConnection is not thread-safe anyway — so the per-call mutexes of serialized mode are pure cost)
    // and without memory statistics (a global mutex on every allocation). Too late (another component opened a database
    // first), SQLite refuses the change and keeps its safe defaults.
    private static readonly Lazy<bool> Tuned = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        const int SQLITE_CONFIG_MULTITHREAD = 2, SQLITE_CONFIG_MEMSTATUS = 9;
        bool ok = SQLitePCL.raw.sqlite3_config(SQLITE_CONFIG_MULTITHREAD) == SQLitePCL.raw.SQLITE_OK;
        ok &= SQLitePCL.raw.sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLitePCL.raw.SQLITE_OK;
        return ok;
    });

    /// <summary>Whether SQLite runs without its serializing mutexes in this process (see <see cref="Open"/>).</summary>
    public static bool MultiThreadMode => Tuned.Value;

    public override DbConnection Open()
    {
        _ = Tuned.Value;
        var cs = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 60 }.ToString();
        var c = new SqliteConnection(cs);
        c.Open();
        Configure(c);
        return c;
    }

    /// <summary>WAL pages (4 KB) after which a commit checkpoints (64 MB instead of SQLite's 4 MB: fewer, larger copies).</summary>
    public const int AutoCheckpointPages = 16384;

    public override void Configure(DbConnection c)
    {
        using var cmd = c.CreateCommand();
        // WAL: a killed process leaves the database consistent and committed batches durable; readers do not block the writer.
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=60000; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=" + AutoCheckpointPages.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";
        cmd.ExecuteNonQuery();
    }

    public override IEnumerable<string> CreateSearch() =>
        ["CREATE VIRTUAL TABLE IF NOT EXISTS entries_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')"];

    public override IEnumerable<string> CreateClaimSearch() =>
    [
        "CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
        $"INSERT INTO claims_fts(rowid, body) SELECT id, {ClaimBody} FROM claims",
        "DROP TABLE IF EXISTS entries_fts",
    ];

    // Search only asks which claims hold every word (each a single token, see SearchQuery), never for a phrase or the
    // indexed text: the index keeps neither the text (content='') nor word positions (detail=none), a smaller index
    // that is cheaper to write at every claim.
    public override IEnumerable<string> SlimClaimSearch() =>
    [
        "DROP TABLE claims_fts",
        "CREATE VIRTUAL TABLE claims_fts USING fts5(body, content='', detail=none, tokenize = 'unicode61 remove_diacritics 2')",
        $"INSERT INTO claims_fts(rowid, body) SELECT id, {ClaimBody} FROM claims",
    ];

    public override IEnumerable<string> SentenceSearch() =>
    [
        "DROP TABLE claims_fts",
        "CREATE VIRTUAL TABLE claims_fts USING fts5(body, content='', detail=none, tokenize = 'unicode61 remove_diacritics 2')",
        $"INSERT INTO claims_fts(rowid, body) SELECT id, {ClaimFields} FROM claims",
        "CREATE VIRTUAL TABLE sentences_fts USING fts5(body, content='', detail=none, tokenize = 'unicode61 remove_diacritics 2')",
        "INSERT INTO sentences_fts(rowid, body) SELECT id, text FROM sentences",
    ];

    public override IEnumerable<string> IndexClaim() => ["INSERT INTO claims_fts(rowid, body) VALUES (@id, @body)"];

    public override IEnumerable<string> IndexSentence() => ["INSERT INTO sentences_fts(rowid, body) VALUES (@id, @body)"];

    public override string ClaimMatches(string parameter) =>
        $"(c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH {parameter}) " +
        $"OR c.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH {parameter}))";

    // Each word quoted: the user's text is data, never FTS syntax. Words are cut where the index's tokenizer cuts them
    // (at anything but a letter, digit or mark: "Jalur-Gaza" is "Jalur" and "Gaza"), so each quoted term is one token —
    // the index keeps no positions to match a phrase with.
    public override IReadOnlyList<string> SearchWords(string words) =>
        SearchTerms(words).Select(w => "\"" + w.Replace("\"", "\"\"") + "\"").ToList();



    public override string Contains(string column, string parameter) => $"instr(lower({column}), lower({parameter})) > 0";
}

public sealed class PostgresDialect(string connectionString) : SqlDialect
{
    public string ConnectionString { get; } = connectionString;
    public override string Name => "postgresql";
    public override string Identity => "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
    public override string Real => "DOUBLE PRECISION";

    public override DbConnection Open()
    {
        var c = new NpgsqlConnection(ConnectionString);
        c.Open();
        return c;
    }

    public override IEnumerable<string> CreateSearch() =>
    [
        "ALTER TABLE entries ADD COLUMN IF NOT EXISTS search tsvector",
        "CREATE INDEX IF NOT EXISTS entries_search ON entries USING GIN (search)",
    ];

    public override IEnumerable<string> CreateClaimSearch() =>
    [
        "ALTER TABLE claims ADD COLUMN IF NOT EXISTS search tsvector",
        $"UPDATE claims SET search = to_tsvector('simple', {ClaimBody})",
        "CREATE INDEX IF NOT EXISTS claims_search ON claims USING GIN (search)",
        "DROP INDEX IF EXISTS entries_search",
        "ALTER TABLE entries DROP COLUMN IF EXISTS search",
    ];

    /// <summary>The advisory lock's key: "Tally" in ASCII (any constant works; advisory locks are per database).</summary>
    public const long WriteLockKey = 0x54616c6c79;

    public override IEnumerable<string> WriteLock() => [$"SELECT pg_advisory_xact_lock({WriteLockKey})"];

    // The tsvector column is already as lean as PostgreSQL makes it.
    public override IEnumerable<string> SlimClaimSearch() => [];

    public override IEnumerable<string> SentenceSearch() =>
    [
        $"UPDATE claims SET search = to_tsvector('simple', {ClaimFields})",
        "ALTER TABLE sentences ADD COLUMN search tsvector",
        "UPDATE sentences SET search = to_tsvector('simple', text)",
        "CREATE INDEX sentences_search ON sentences USING GIN (search)",
    ];

    public override IEnumerable<string> IndexClaim() => ["UPDATE claims SET search = to_tsvector('simple', @body) WHERE id = @id"];

    public override IEnumerable<string> IndexSentence() => ["UPDATE sentences SET search = to_tsvector('simple', @body) WHERE id = @id"];

    public override string ClaimMatches(string parameter) =>
        $"(c.search @@ plainto_tsquery('simple', {parameter}) " +
        $"OR c.sentence_id IN (SELECT s.id FROM sentences s WHERE s.search @@ plainto_tsquery('simple', {parameter})))";

    // plainto_tsquery takes plain words (no syntax); one word at a time, cut as for SQLite ("banjir-Garut" is "banjir"
    // and "Garut", not a compound).
    public override IReadOnlyList<string> SearchWords(string words) => SearchTerms(words).ToList();

    public override string Contains(string column, string parameter) => $"strpos(lower({column}), lower({parameter})) > 0";
}
