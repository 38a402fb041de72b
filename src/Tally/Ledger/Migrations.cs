using System.Data.Common;

namespace Tally.Ledger;

/// <summary>
/// The ledger schema as numbered migrations. Opening a database applies the ones it lacks, in order, each in its own
/// transaction, so an existing database is upgraded in place; a database newer than this program is refused.
/// </summary>
public static class Migrations
{
    public sealed record Migration(int Version, string Description, Func<SqlDialect, IEnumerable<string>> Statements);

    private const string ClaimColumns = """
        category TEXT NOT NULL,
        low BIGINT, high BIGINT, approximate INTEGER NOT NULL DEFAULT 0, count_text TEXT NOT NULL DEFAULT '',
        who_text TEXT, who_country TEXT, who_role TEXT NOT NULL DEFAULT 'unspecified',
        where_text TEXT, where_country TEXT, where_lat {REAL}, where_lon {REAL},
        when_text TEXT, when_start TEXT, when_end TEXT,
        source_text TEXT, source_name TEXT, source_country TEXT, source_kind TEXT, source_key TEXT NOT NULL DEFAULT '',
        via TEXT, certainty TEXT NOT NULL DEFAULT 'asserted',
        evidence TEXT NOT NULL DEFAULT '', evidence_start INTEGER NOT NULL DEFAULT 0, evidence_end INTEGER NOT NULL DEFAULT 0
        """;

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "documents, claims and ledger entries", d =>
        [
            $"""
            CREATE TABLE documents (
                id {d.Identity},
                doc_key TEXT NOT NULL,
                url TEXT,
                url_key TEXT NOT NULL,
                version INTEGER NOT NULL,
                is_current INTEGER NOT NULL DEFAULT 1,
                content_hash TEXT NOT NULL,
                title TEXT, language TEXT NOT NULL, published TEXT, published_date TEXT, outlet TEXT,
                text TEXT NOT NULL,
                ingested_at TEXT NOT NULL,
                UNIQUE (url_key, version)
            )
            """,
            "CREATE INDEX documents_hash ON documents (content_hash)",
            "CREATE INDEX documents_current ON documents (url_key, is_current)",
            $"""
            CREATE TABLE entries (
                id {d.Identity},
                {ClaimColumns.Replace("{REAL}", d.Real)},
                evidence_document BIGINT,
                first_seen TEXT, last_seen TEXT,
                citations INTEGER NOT NULL DEFAULT 0,
                body TEXT NOT NULL DEFAULT ''
            )
            """,
            "CREATE INDEX entries_match ON entries (category, who_country, last_seen)",
            $"""
            CREATE TABLE claims (
                id {d.Identity},
                document_id BIGINT NOT NULL REFERENCES documents (id),
                entry_id BIGINT REFERENCES entries (id),
                ordinal INTEGER NOT NULL,
                {ClaimColumns.Replace("{REAL}", d.Real)},
                published_date TEXT
            )
            """,
            "CREATE INDEX claims_entry ON claims (entry_id)",
            "CREATE INDEX claims_document ON claims (document_id)",
            .. d.CreateSearch(),
        ]),
        new(2, "a log of ingest runs", d =>
        [
            $"""
            CREATE TABLE ingest_runs (
                id {d.Identity},
                started_at TEXT NOT NULL, finished_at TEXT,
                documents_read INTEGER NOT NULL DEFAULT 0, documents_stored INTEGER NOT NULL DEFAULT 0,
                documents_skipped INTEGER NOT NULL DEFAULT 0, documents_failed INTEGER NOT NULL DEFAULT 0,
                claims_added INTEGER NOT NULL DEFAULT 0, entries_created INTEGER NOT NULL DEFAULT 0, entries_merged INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX entries_source ON entries (source_key, category, who_country)",
        ]),
        new(3, "indexes that find an entry's candidates by the size of their count", d =>
        [
            "CREATE INDEX entries_value ON entries (category, who_country, COALESCE(low, high), last_seen)",
            "CREATE INDEX entries_category_value ON entries (category, COALESCE(low, high), last_seen)",
        ]),
        new(4, "candidate indexes keyed by the party's country or none, the count's size and the first date", d =>
        [
            "DROP INDEX entries_value",
            "DROP INDEX entries_category_value",
            "CREATE INDEX entries_value ON entries (category, COALESCE(who_country, ''), COALESCE(low, high), first_seen)",
            "CREATE INDEX entries_category_value ON entries (category, COALESCE(low, high), first_seen)",
        ]),
        new(5, "search over each claim's text (written once per claim) instead of each entry's (rewritten at every citation)", d =>
            d.CreateClaimSearch()),
        new(6, "candidate indexes keyed by the dates an entry was last and first cited (a dated claim reads only the entries that overlap its window); lists by category and party use them too, so the indexes by party and by source go", d =>
        [
            "DROP INDEX entries_source",
            "DROP INDEX entries_match",
            "DROP INDEX entries_value",
            "DROP INDEX entries_category_value",
            "CREATE INDEX entries_value ON entries (category, COALESCE(who_country, ''), COALESCE(low, high), COALESCE(last_seen, '9999-12-31'), COALESCE(first_seen, '0000-01-01'))",
            "CREATE INDEX entries_category_value ON entries (category, COALESCE(low, high), COALESCE(last_seen, '9999-12-31'), COALESCE(first_seen, '0000-01-01'))",
        ]),
        new(7, "a lighter claim search index where the backend allows it (SQLite: no copy of the text, no word positions)", d =>
            d.SlimClaimSearch()),
        new(8, "evidence sentences stored once per document span (a table of sentences that claims and entries point to) instead of copied into every claim and entry; search looks at a claim's own text and its sentence's", d =>
        [
            $"""
            CREATE TABLE sentences (
                id {d.Identity},
                document_id BIGINT NOT NULL REFERENCES documents (id),
                span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
                text TEXT NOT NULL
            )
            """,
            "CREATE INDEX sentences_span ON sentences (document_id, span_start, span_end)",
            "ALTER TABLE claims ADD COLUMN sentence_id BIGINT REFERENCES sentences (id)",
            "ALTER TABLE entries ADD COLUMN sentence_id BIGINT REFERENCES sentences (id)",
            // The sentences existing claims copied, once per document, span and text (a claim stored before spans were
            // kept has the span 0..0: its text tells it apart).
            """
            INSERT INTO sentences (document_id, span_start, span_end, text)
            SELECT document_id, evidence_start, evidence_end, evidence FROM claims
            GROUP BY document_id, evidence_start, evidence_end, evidence ORDER BY MIN(id)
            """,
            """
            UPDATE claims SET sentence_id = (SELECT MIN(s.id) FROM sentences s WHERE s.document_id = claims.document_id
                AND s.span_start = claims.evidence_start AND s.span_end = claims.evidence_end AND s.text = claims.evidence)
            """,
            "UPDATE claims SET evidence = '' WHERE sentence_id IS NOT NULL",
            """
            UPDATE entries SET sentence_id = (SELECT MIN(s.id) FROM sentences s WHERE s.document_id = entries.evidence_document
                AND s.span_start = entries.evidence_start AND s.span_end = entries.evidence_end AND s.text = entries.evidence)
            """,
            "UPDATE entries SET evidence = '' WHERE sentence_id IS NOT NULL",
            "CREATE INDEX claims_sentence ON claims (sentence_id)",
            .. d.SentenceSearch(),
        ]),
    ];

    public static int Latest => All[^1].Version;

    /// <summary>Brings the schema to <paramref name="target"/> (default: the latest); returns the versions applied.</summary>
    public static IReadOnlyList<int> Apply(DbConnection c, SqlDialect d, int? target = null)
    {
        // Two programs may open a new or old database at once (two ingests, an ingest and a server): each step runs under
        // the write lock (SqlDialect.WriteLock) and looks again at the version inside it, so each migration runs once.
        using (var tx = c.BeginTransaction())
        {
            foreach (var sql in d.WriteLock()) Exec(c, tx, sql);
            Exec(c, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            tx.Commit();
        }
        int current = CurrentVersion(c);
        if (current > Latest)
            throw new InvalidOperationException($"the database has schema version {current}, newer than this Tally ({Latest}); upgrade Tally");
        var applied = new List<int>();
        foreach (var m in All)
        {
            if (m.Version <= current || m.Version > (target ?? Latest)) continue;
            using var tx = c.BeginTransaction();
            foreach (var sql in d.WriteLock()) Exec(c, tx, sql);
            if (CurrentVersion(c, tx) >= m.Version) continue; // another program applied it meanwhile
            foreach (var sql in m.Statements(d)) Exec(c, tx, sql);
            using (var cmd = c.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, @t)";
                Param(cmd, "@v", m.Version);
                Param(cmd, "@d", m.Description);
                Param(cmd, "@t", DateTimeOffset.UtcNow.ToString("O"));
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
            applied.Add(m.Version);
        }
        return applied;
    }

    public static int CurrentVersion(DbConnection c) => CurrentVersion(c, null);

    private static int CurrentVersion(DbConnection c, DbTransaction? tx)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(cmd.ExecuteScalar());
    }

    private static void Exec(DbConnection c, DbTransaction? tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static void Param(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
