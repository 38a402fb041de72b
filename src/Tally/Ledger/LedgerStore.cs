using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tally.Documents;
using Tally.Extraction;
using Tally.Model;

namespace Tally.Ledger;

/// <summary>
/// The ledger: documents, their claims, and the entries that merge the same claim across documents, in SQLite or
/// PostgreSQL. Every batch is one transaction: a killed ingest leaves the database as it was after the last whole
/// batch, and running it again completes the job (documents already stored are recognised and skipped).
/// All SQL is parameterised.
/// </summary>
public sealed class LedgerStore : IDisposable
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

    // ---------------------------------------------------------------- ingest

    /// <summary>Stores a batch of extracted documents and merges their claims into the ledger, in one transaction.</summary>
    public IngestSummary Ingest(IReadOnlyList<ExtractionResult> batch)
    {
        var summary = new IngestSummary();
        using var tx = _conn.BeginTransaction();
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        foreach (var r in batch)
        {
            summary.Read++;
            var d = r.Document;
            var hash = Hash(d.Text);
            if (Scalar(tx, "SELECT id FROM documents WHERE content_hash = @h", ("@h", hash)) is not null) { summary.Skipped++; continue; }
            var urlKey = d.Url is { Length: > 0 } u ? NormalizeUrl(u) : "text:" + hash;
            int version = 1;
            if (Scalar(tx, "SELECT id FROM documents WHERE url_key = @k AND is_current = 1", ("@k", urlKey)) is { } prev)
            {
                long prevId = Convert.ToInt64(prev);
                version = Convert.ToInt32(Scalar(tx, "SELECT MAX(version) FROM documents WHERE url_key = @k", ("@k", urlKey))) + 1;
                Exec(tx, "UPDATE documents SET is_current = 0 WHERE id = @id", ("@id", prevId));
                Detach(tx, prevId);
                summary.Versions++;
            }
            var published = d.PublishedText;
            var publishedDate = d.Published is { } p ? DateOnly.FromDateTime(p.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            long docId = Convert.ToInt64(Scalar(tx, """
                INSERT INTO documents (doc_key, url, url_key, version, is_current, content_hash, title, language, published, published_date, outlet, text, ingested_at)
                VALUES (@key, @url, @urlkey, @version, 1, @hash, @title, @lang, @pub, @pubdate, @outlet, @text, @now) RETURNING id
                """,
                ("@key", d.Id), ("@url", d.Url), ("@urlkey", urlKey), ("@version", version), ("@hash", hash), ("@title", d.Title),
                ("@lang", d.Language), ("@pub", published), ("@pubdate", publishedDate), ("@outlet", d.Outlet ?? Outlet(d.Url)),
                ("@text", d.Text), ("@now", now)));
            summary.Stored++;
            var usedByThisDocument = new HashSet<long>();
            var window = MergeWindow(publishedDate);
            int ordinal = 0;
            foreach (var claim in r.Claims)
            {
                // An undated document bounds its claim by the period the claim refers to, when it states one.
                var entry = FindEntry(tx, claim, window ?? PeriodWindow(claim.When), usedByThisDocument);
                var sourceKey = SourceIdentity.Key(claim.Source);
                long entryId;
                if (entry is null)
                {
                    entryId = InsertEntry(tx, claim, sourceKey, docId, publishedDate);
                    summary.EntriesCreated++;
                }
                else
                {
                    entryId = entry.Id;
                    UpdateEntry(tx, entry, claim, sourceKey, docId, publishedDate);
                    summary.EntriesMerged++;
                }
                usedByThisDocument.Add(entryId);
                InsertClaim(tx, claim, sourceKey, docId, entryId, ordinal++, publishedDate);
                summary.ClaimsAdded++;
            }
        }
        tx.Commit();
        return summary;
    }

    /// <summary>Records one run of <c>tally ingest</c> (migration 2's log).</summary>
    public void LogRun(DateTimeOffset started, IngestSummary s)
    {
        using var tx = _conn.BeginTransaction();
        Exec(tx, """
            INSERT INTO ingest_runs (started_at, finished_at, documents_read, documents_stored, documents_skipped, documents_failed, claims_added, entries_created, entries_merged)
            VALUES (@s, @f, @r, @st, @sk, @fa, @c, @ec, @em)
            """, ("@s", started.ToString("O")), ("@f", DateTimeOffset.UtcNow.ToString("O")), ("@r", s.Read), ("@st", s.Stored), ("@sk", s.Skipped),
            ("@fa", s.Failed), ("@c", s.ClaimsAdded), ("@ec", s.EntriesCreated), ("@em", s.EntriesMerged));
        tx.Commit();
    }

    private sealed record EntryRow(long Id, Claim Claim, string? FirstSeen, string? LastSeen, int Citations, string SourceKey);

    /// <summary>The entry a new claim states again, if any (see <see cref="EntryMatcher"/>).</summary>
    /// <summary>A document's merge window, as the candidate query binds it: the dates a window's width before and after its
    /// publication, and the farthest last citation an entry overlapping it can have (null: an undated document).</summary>
    private (string Lo, string Hi, string Far)? MergeWindow(string? date)
    {
        if (date is null) return null;
        var d = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        string Day(int offset) => d.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (Day(-_merge.WindowDays), Day(_merge.WindowDays), Day(_merge.WindowDays + _merge.LongestSpanDays));
    }

    /// <summary>The merge window of a period a claim refers to: a window's width before its start and after its end.</summary>
    private (string Lo, string Hi, string Far)? PeriodWindow(Period? period)
    {
        if (period is null) return null;
        string Day(DateOnly d, int offset) => d.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (Day(period.Start, -_merge.WindowDays), Day(period.End, _merge.WindowDays), Day(period.End, _merge.WindowDays + _merge.LongestSpanDays));
    }

    private EntryRow? FindEntry(DbTransaction tx, Claim claim, (string Lo, string Hi, string Far)? window, HashSet<long> exclude)
    {
        // Compatible counts (equal, a bound, a rounding) have a known size: for a precise figure p, p itself and p
        // rounded down to each power of ten ("40,005": 40,000); for a lower bound lo, the figures that round down to it.
        // So candidates come straight from the index on (category, who_country, COALESCE(low, high), first_seen): one
        // branch per size, read newest first in index order so that each stops after a few rows.
        var c = claim.Count;
        var ps = new List<(string, object?)> { ("@cat", Names.Of(claim.Category)) };
        if (claim.Who.Country is { } who) ps.Add(("@who", who));
        string valueCondition;
        if (c.Low is { } lb && c.High is null && !c.Approximate)
        {
            valueCondition = "COALESCE(e.low, e.high) BETWEEN @vmin AND @vmax";
            ps.Add(("@vmin", lb));
            ps.Add(("@vmax", lb + CountRelations.Magnitude(lb) - 1));
        }
        else
        {
            long v = c.Low ?? c.High ?? 0;
            var values = new SortedSet<long> { v };
            if (CountRelations.IsPrecise(c.Low, c.High))
                for (long m = 10; m <= v && m > 0; m *= 10) values.Add(v / m * m);
            int k = 0;
            foreach (var x in values) ps.Add(($"@v{k++}", x));
            valueCondition = $"COALESCE(e.low, e.high) IN ({string.Join(", ", Enumerable.Range(0, values.Count).Select(i => "@v" + i))})";
        }
        // The party's country or none (an entry whose party is unknown may take the claim); a claim whose party is
        // unknown may join any entry of its size.
        var whoCondition = claim.Who.Country is not null ? "COALESCE(e.who_country, '') IN (@who, '')" : "1 = 1";
        var match = $"SELECT {CandidateColumns} FROM entries e WHERE e.category = @cat AND {whoCondition} AND {valueCondition}";
        // Close in time: a dated claim looks at the entries whose citations overlap its window (last cited on or after
        // the window's start, at most LongestSpanDays after its end, which bounds the index range; first cited by its
        // end). A claim with neither a dated document nor a period of its own cannot bound the gap between it and any
        // entry, so it starts an entry of its own, and no dated claim joins that. The indexes hold both dates, so the range is read from the index alone. No
        // ORDER BY: SQLite would choose the index that sorts over the one that finds; the rows are few and ordered below.
        // The limit is written into the SQL (a bound LIMIT plans slower).
        if (window is not { } w) return null;
        ps.Add(("@lo", w.Lo));
        ps.Add(("@hi", w.Hi));
        ps.Add(("@far", w.Far));
        var sql = $"{match} AND {LastSeenKey} BETWEEN @lo AND @far AND {FirstSeenKey} <= @hi LIMIT {_merge.MaxCandidates * 4:D}";
        var rows = ReadCandidates(tx, sql, ps.ToArray());
        // Most recently cited first: the first of equally good matches wins.
        rows.Sort((a, b) => a.LastSeen == b.LastSeen ? b.Id.CompareTo(a.Id)
            : a.LastSeen is null ? -1 : b.LastSeen is null ? 1 : string.CompareOrdinal(b.LastSeen, a.LastSeen));
        EntryRow? best = null;
        int bestScore = -1;
        foreach (var e in rows)
        {
            if (exclude.Contains(e.Id)) continue;
            if (!EntryMatcher.Matches(e.Claim, claim)) continue;
            int score = EntryMatcher.Affinity(e.Claim, claim);
            if (score > bestScore) { best = e; bestScore = score; }
        }
        return best;
    }

    private long InsertEntry(DbTransaction tx, Claim c, string sourceKey, long docId, string? date)
    {
        var ps = ClaimParams(c).Concat([("@doc", (object?)docId), ("@first", date), ("@last", date), ("@key", sourceKey)]).ToArray();
        return Convert.ToInt64(Scalar(tx, $"""
            INSERT INTO entries ({ClaimColumnList}, source_key, evidence_document, first_seen, last_seen, citations)
            VALUES ({ClaimParamList}, @key, @doc, @first, @last, 1) RETURNING id
            """, ps));
    }

    /// <summary>What search looks at in a claim: its evidence sentence, party, place, source and count as written.</summary>
    private static string SearchBody(Claim c) =>
        string.Join('\n', new[] { c.Evidence.Sentence, c.Who.Text, c.Where?.Text, c.Source?.Text, c.Count.Text }.Where(p => !string.IsNullOrEmpty(p)).Distinct());

    /// <summary>A new citation: the entry keeps the most precise count cited, gains a source if it had none, widens its dates.</summary>
    private void UpdateEntry(DbTransaction tx, EntryRow e, Claim c, string sourceKey, long docId, string? date)
    {
        var first = Min(e.FirstSeen, date);
        var last = Max(e.LastSeen, date);
        bool better = CountRelations.Precision(c.Count) > CountRelations.Precision(e.Claim.Count);
        if (better)
        {
            // The more precise statement becomes the entry's face; a source it lacks is kept from the entry.
            var face = c.Source is null && e.Claim.Source is not null ? c with { Source = e.Claim.Source, Via = e.Claim.Via } : c;
            // The face's source is the claim's, or the entry's own (whose key is stored).
            var faceKey = ReferenceEquals(face, c) ? sourceKey : e.SourceKey;
            var ps = ClaimParams(face).Concat([("@id", (object?)e.Id), ("@doc", docId), ("@first", first), ("@last", last), ("@key", faceKey)]).ToArray();
            Exec(tx, $"""
                UPDATE entries SET ({ClaimColumnList}, source_key, evidence_document, first_seen, last_seen, citations)
                = ({ClaimParamList}, @key, @doc, @first, @last, citations + 1) WHERE id = @id
                """, ps);
            return;
        }
        if (e.Claim.Source is null && c.Source is not null)
        {
            Exec(tx, """
                UPDATE entries SET source_text = @st, source_name = @sn, source_country = @sc, source_kind = @sk, source_key = @key, via = @via
                WHERE id = @id
                """, ("@st", c.Source.Text), ("@sn", c.Source.Name), ("@sc", c.Source.Country), ("@sk", Names.Of(c.Source.Kind)),
                ("@key", sourceKey), ("@via", c.Via), ("@id", e.Id));
        }
        Exec(tx, "UPDATE entries SET first_seen = @first, last_seen = @last, citations = citations + 1 WHERE id = @id",
            ("@first", first), ("@last", last), ("@id", e.Id));
    }

    private void InsertClaim(DbTransaction tx, Claim c, string sourceKey, long docId, long entryId, int ordinal, string? date)
    {
        var ps = ClaimParams(c).Concat([("@doc", (object?)docId), ("@entry", entryId), ("@ord", ordinal), ("@date", date), ("@key", sourceKey)]).ToArray();
        long id = Convert.ToInt64(Scalar(tx, $"""
            INSERT INTO claims (document_id, entry_id, ordinal, {ClaimColumnList}, source_key, published_date)
            VALUES (@doc, @entry, @ord, {ClaimParamList}, @key, @date) RETURNING id
            """, ps));
        var body = SearchBody(c);
        foreach (var sql in Dialect.IndexClaim()) Exec(tx, sql, ("@id", id), ("@body", body));
    }

    /// <summary>A superseded document version stops citing its entries; an entry left without citations goes.</summary>
    private void Detach(DbTransaction tx, long documentId)
    {
        var entryIds = new List<long>();
        var cmd1 = Command(tx, "SELECT DISTINCT entry_id FROM claims WHERE document_id = @d AND entry_id IS NOT NULL", ("@d", documentId));
        using (var r = cmd1.ExecuteReader())
            while (r.Read()) entryIds.Add(r.GetInt64(0));
        Exec(tx, "UPDATE claims SET entry_id = NULL WHERE document_id = @d", ("@d", documentId));
        foreach (var id in entryIds) Recompute(tx, id);
    }

    /// <summary>Rebuilds an entry from the claims that still cite it (or removes it).</summary>
    private void Recompute(DbTransaction tx, long entryId)
    {
        var cits = ReadClaims(tx, $"""
            SELECT {ClaimSelect("c")}, c.document_id, c.published_date FROM claims c WHERE c.entry_id = @id ORDER BY c.id
            """, ("@id", entryId));
        if (cits.Count == 0)
        {
            Exec(tx, "DELETE FROM entries WHERE id = @id", ("@id", entryId));
            return;
        }
        var best = cits.OrderByDescending(x => CountRelations.Precision(x.Claim.Count)).ThenBy(x => x.Row).First();
        var source = cits.Select(x => x.Claim.Source).FirstOrDefault(s => s is not null);
        var face = best.Claim.Source is null && source is not null ? best.Claim with { Source = source } : best.Claim;
        var dates = cits.Select(x => x.Date).Where(x => x is not null).ToList();
        var ps = ClaimParams(face).Concat([("@id", (object?)entryId), ("@doc", best.DocumentId), ("@first", dates.Min()), ("@last", dates.Max()),
            ("@n", cits.Count), ("@key", SourceIdentity.Key(face.Source))]).ToArray();
        Exec(tx, $"""
            UPDATE entries SET ({ClaimColumnList}, source_key, evidence_document, first_seen, last_seen, citations)
            = ({ClaimParamList}, @key, @doc, @first, @last, @n) WHERE id = @id
            """, ps);
    }

    // ---------------------------------------------------------------- queries

    public IReadOnlyList<LedgerEntry> List(EntryFilter f, bool withCitations = false)
    {
        var (where, ps) = Conditions(f);
        var order = f.Sort switch
        {
            "count" => "COALESCE(e.low, e.high) DESC, e.id",
            "first_seen" => "e.first_seen, e.id",
            "last_seen" => "e.last_seen DESC, e.id",
            "citations" => "e.citations DESC, e.id",
            _ => "e.id",
        };
        ps.Add(("@limit", f.Limit));
        ps.Add(("@offset", f.Offset));
        using var tx = _conn.BeginTransaction();
        var rows = ReadEntries(tx, $"""
            SELECT {EntryColumns} FROM entries e
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY {order} LIMIT @limit OFFSET @offset
            """, ps.ToArray());
        var result = rows.Select(e => ToEntry(e)).ToList();
        if (withCitations)
            for (int i = 0; i < result.Count; i++) result[i] = result[i] with { Citations = Citations(tx, result[i].Id) };
        tx.Commit();
        return result;
    }

    /// <summary>
    /// How many entries a filter selects (its <see cref="EntryFilter.Limit"/> and <see cref="EntryFilter.Offset"/> aside),
    /// counted by the database: the total behind a page of <see cref="List"/>. Read-only.
    /// </summary>
    public long CountEntries(EntryFilter f)
    {
        var (where, ps) = Conditions(f);
        using var tx = _conn.BeginTransaction();
        var n = Convert.ToInt64(Scalar(tx, $"SELECT COUNT(*) FROM entries e{(where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")}", ps.ToArray()));
        tx.Commit();
        return n;
    }

    /// <summary>The row id of the current document whose cleaned text is <paramref name="text"/> (what an ingest stored or recognised), if any. Read-only.</summary>
    public long? FindDocumentByText(string text)
    {
        using var tx = _conn.BeginTransaction();
        var v = Scalar(tx, "SELECT id FROM documents WHERE content_hash = @h AND is_current = 1 ORDER BY id LIMIT 1", ("@h", Hash(text)));
        tx.Commit();
        return v is null ? null : Convert.ToInt64(v);
    }

    /// <summary>
    /// The ledger's high-water mark: the newest claim and document row ids. Every ingest that changes anything adds a
    /// claim or a document (merging into an entry adds a claim; a new version adds a document), and rows are never
    /// deleted, so an unchanged mark means unchanged entries — what a reader may cache against. Two index look-ups; read-only.
    /// </summary>
    public (long Claims, long Documents) ChangeMark()
    {
        using var tx = _conn.BeginTransaction();
        var cmd = Command(tx, "SELECT (SELECT COALESCE(MAX(id), 0) FROM claims), (SELECT COALESCE(MAX(id), 0) FROM documents)");
        (long, long) mark;
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            mark = (Convert.ToInt64(r.GetValue(0)), Convert.ToInt64(r.GetValue(1)));
        }
        tx.Commit();
        return mark;
    }

    private (List<string> Where, List<(string, object?)> Params) Conditions(EntryFilter f)
    {
        var where = new List<string>();
        var ps = new List<(string, object?)>();
        if (f.Category is { } cat) { where.Add("e.category = @cat"); ps.Add(("@cat", Names.Of(cat))); }
        if (f.Who is { } who) { where.Add("COALESCE(e.who_country, '') = @who"); ps.Add(("@who", who.ToUpperInvariant())); }
        if (f.Role is { } role) { where.Add("e.who_role = @role"); ps.Add(("@role", Names.Of(role))); }
        if (f.Country is { } country) { where.Add("e.where_country = @country"); ps.Add(("@country", country.ToUpperInvariant())); }
        if (f.Place is { Length: > 0 } place) { where.Add(Dialect.Contains("e.where_text", "@place")); ps.Add(("@place", place)); }
        if (f.Source is { Length: > 0 } src)
        {
            where.Add($"({Dialect.Contains("COALESCE(e.source_text, '')", "@src")} OR {Dialect.Contains("COALESCE(e.source_name, '')", "@src")})");
            ps.Add(("@src", src));
        }
        if (f.SourceKind is { } kind) { where.Add("e.source_kind = @kind"); ps.Add(("@kind", Names.Of(kind))); }
        if (f.Since is { } since) { where.Add("e.last_seen >= @since"); ps.Add(("@since", since)); }
        if (f.Until is { } until) { where.Add("e.first_seen <= @until"); ps.Add(("@until", until)); }
        // A search with no word in it ("---", a lone quote) is no search: like an empty search box, it filters nothing.
        if (f.Search is { Length: > 0 } q && Dialect.SearchQuery(q) is { Length: > 0 } query) { where.Add(Dialect.SearchCondition); ps.Add(("@search", query)); }
        return (where, ps);
    }

    public int Count(EntryFilter f) => List(f with { Limit = int.MaxValue, Offset = 0 }).Count;

    public LedgerEntry? Get(long id)
    {
        using var tx = _conn.BeginTransaction();
        var row = ReadEntries(tx, $"SELECT {EntryColumns} FROM entries e WHERE e.id = @id", ("@id", id)).FirstOrDefault();
        var result = row is null ? null : ToEntry(row) with { Citations = Citations(tx, id) };
        tx.Commit();
        return result;
    }

    /// <summary>Every source's estimates of a figure (entries of one category for one affected country), oldest first.</summary>
    public IReadOnlyList<TimelineSeries> Timeline(string who, Category category)
    {
        var entries = List(new EntryFilter { Who = who, Category = category, Limit = 100_000, Sort = "first_seen" });
        return entries
            .GroupBy(e => e.SourceKey)
            .Select(g => new TimelineSeries(
                g.Key,
                g.Key.Length == 0 ? "(unattributed)" : g.OrderByDescending(e => e.CitationCount).First().Claim.Source?.Text ?? g.Key,
                g.OrderBy(e => e.FirstSeen ?? "9999").ThenBy(e => e.Id)
                    .Select(e => new TimelinePoint(e.Id, e.FirstSeen, e.Claim.Count.Low, e.Claim.Count.High, e.Claim.Count.Approximate, e.CitationCount, e.Claim.Count.Text))
                    .ToList()))
            .OrderBy(s => s.SourceKey.Length == 0 ? 1 : 0).ThenBy(s => s.Points[0].Date ?? "9999").ThenBy(s => s.SourceKey, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A stored document (the current version for its URL) and its claims, with offsets into its text.</summary>
    public (long RowId, Document Document, IReadOnlyList<(Claim Claim, long? EntryId)> Claims)? GetDocument(long rowId)
    {
        using var tx = _conn.BeginTransaction();
        Document? doc = null;
        var cmd3 = Command(tx, "SELECT doc_key, url, title, language, published, text, outlet FROM documents WHERE id = @id", ("@id", rowId));
        using (var r = cmd3.ExecuteReader())
        {
            if (r.Read())
            {
                var (pub, hasTime, hasOffset) = DocumentReader.ParseDate(Str(r, 4));
                doc = new Document
                {
                    Id = r.GetString(0), Url = Str(r, 1), Title = Str(r, 2), Language = r.GetString(3), Published = pub,
                    PublishedHasTime = hasTime, PublishedHasOffset = hasOffset, Text = r.GetString(5), Outlet = Str(r, 6),
                };
            }
        }
        if (doc is null) { tx.Commit(); return null; }
        var claims = ReadClaims(tx, $"SELECT {ClaimSelect("c")}, c.document_id, c.published_date, c.entry_id FROM claims c WHERE c.document_id = @id ORDER BY c.ordinal", ("@id", rowId));
        tx.Commit();
        return (rowId, doc, claims.Select(x => (x.Claim, x.EntryId)).ToList());
    }

    /// <summary>Entries and citations per affected country (for maps and summaries).</summary>
    public IReadOnlyList<(string Country, string Category, int Entries, long Sum)> ByCountry()
    {
        using var tx = _conn.BeginTransaction();
        var list = new List<(string, string, int, long)>();
        var cmd4 = Command(tx, """
            SELECT COALESCE(who_country, ''), category, COUNT(*), COALESCE(SUM(COALESCE(low, high, 0)), 0)
            FROM entries GROUP BY COALESCE(who_country, ''), category ORDER BY 1, 2
            """);
        using (var r = cmd4.ExecuteReader())
            while (r.Read()) list.Add((r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2)), Convert.ToInt64(r.GetValue(3))));
        tx.Commit();
        return list;
    }

    /// <summary>Row counts, for tests and summaries.</summary>
    public (long Documents, long Claims, long Entries) Totals()
    {
        using var tx = _conn.BeginTransaction();
        var d = Convert.ToInt64(Scalar(tx, "SELECT COUNT(*) FROM documents WHERE is_current = 1"));
        var c = Convert.ToInt64(Scalar(tx, "SELECT COUNT(*) FROM claims WHERE entry_id IS NOT NULL"));
        var e = Convert.ToInt64(Scalar(tx, "SELECT COUNT(*) FROM entries"));
        tx.Commit();
        return (d, c, e);
    }

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
        using var tx = _conn.BeginTransaction();
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

    private List<Citation> Citations(DbTransaction tx, long entryId)
    {
        var list = new List<Citation>();
        var cmd = Command(tx, $"""
            SELECT c.id, d.id, d.doc_key, d.url, d.outlet, d.published, d.language, c.evidence, c.evidence_start, c.evidence_end,
                   c.low, c.high, c.approximate, c.count_text, c.source_text, c.source_name, c.source_country, c.source_kind, c.certainty
            FROM claims c JOIN documents d ON d.id = c.document_id
            WHERE c.entry_id = @id AND d.is_current = 1
            ORDER BY COALESCE(d.published_date, '9999'), d.id, c.ordinal
            """, ("@id", entryId));
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var src = Str(r, 14) is { } st ? new Source(st, Str(r, 15), Str(r, 16), Names.TrySourceKind(Str(r, 17) ?? "", out var k) ? k : SourceKind.Unspecified) : null;
            list.Add(new Citation(r.GetInt64(0), r.GetInt64(1),
                new CitedDocument(r.GetString(2), Str(r, 3), Str(r, 4), Str(r, 5), r.GetString(6)),
                new Evidence(r.GetString(7), Convert.ToInt32(r.GetValue(8)), Convert.ToInt32(r.GetValue(9))),
                new Count(Long(r, 10), Long(r, 11), Convert.ToInt32(r.GetValue(12)) != 0, r.GetString(13)),
                src,
                Names.TryCertainty(r.GetString(18), out var ce) ? ce : Certainty.Asserted));
        }
        return list;
    }

    // ---------------------------------------------------------------- mapping

    private const string ClaimColumnList =
        "category, low, high, approximate, count_text, who_text, who_country, who_role, where_text, where_country, where_lat, where_lon, " +
        "when_text, when_start, when_end, source_text, source_name, source_country, source_kind, via, certainty, evidence, evidence_start, evidence_end";

    private const string ClaimParamList =
        "@category, @low, @high, @approx, @count_text, @who_text, @who_country, @who_role, @where_text, @where_country, @where_lat, @where_lon, " +
        "@when_text, @when_start, @when_end, @source_text, @source_name, @source_country, @source_kind, @via, @certainty, @evidence, @ev_start, @ev_end";

    private static string ClaimSelect(string alias) => string.Join(", ", ClaimColumnList.Split(", ").Select(c => alias + "." + c));

    private static readonly string EntryColumns = ClaimSelect("e") + ", e.id, e.first_seen, e.last_seen, e.citations, e.source_key";

    private static (string, object?)[] ClaimParams(Claim c) =>
    [
        ("@category", Names.Of(c.Category)), ("@low", Int64(c.Count.Low)), ("@high", Int64(c.Count.High)), ("@approx", c.Count.Approximate ? 1 : 0),
        ("@count_text", c.Count.Text), ("@who_text", c.Who.Text), ("@who_country", c.Who.Country), ("@who_role", Names.Of(c.Who.Role)),
        ("@where_text", c.Where?.Text), ("@where_country", c.Where?.Country), ("@where_lat", Float(c.Where?.Lat)), ("@where_lon", Float(c.Where?.Lon)),
        ("@when_text", c.When?.Text), ("@when_start", c.When?.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("@when_end", c.When?.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("@source_text", c.Source?.Text), ("@source_name", c.Source?.Name), ("@source_country", c.Source?.Country),
        ("@source_kind", c.Source is null ? null : Names.Of(c.Source.Kind)), ("@via", c.Via), ("@certainty", Names.Of(c.Certainty)),
        ("@evidence", c.Evidence.Sentence), ("@ev_start", c.Evidence.Start), ("@ev_end", c.Evidence.End),
    ];

    private static Claim ReadClaim(DbDataReader r)
    {
        Names.TryCategory(r.GetString(0), out var cat);
        Names.TryRole(r.GetString(7), out var role);
        Names.TryCertainty(r.GetString(20), out var cert);
        var where = Str(r, 8) is { } wt ? new Place(wt, Str(r, 9), Dbl(r, 10), Dbl(r, 11)) : null;
        var when = Str(r, 13) is { } ws && Str(r, 14) is { } we
            ? new Period(Str(r, 12) ?? "", DateOnly.ParseExact(ws, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(we, "yyyy-MM-dd", CultureInfo.InvariantCulture))
            : null;
        var source = Str(r, 15) is { } st ? new Source(st, Str(r, 16), Str(r, 17), Names.TrySourceKind(Str(r, 18) ?? "", out var k) ? k : SourceKind.Unspecified) : null;
        return new Claim(cat, new Count(Long(r, 1), Long(r, 2), Convert.ToInt32(r.GetValue(3)) != 0, r.GetString(4)),
            new Party(Str(r, 5), Str(r, 6), role), where, when, source, Str(r, 19), cert,
            new Evidence(r.GetString(21), Convert.ToInt32(r.GetValue(22)), Convert.ToInt32(r.GetValue(23))));
    }

    private const int ClaimFieldCount = 24;

    private List<EntryRow> ReadEntries(DbTransaction tx, string sql, params (string, object?)[] ps)
    {
        var list = new List<EntryRow>();
        var cmd = Command(tx, sql, ps);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var claim = ReadClaim(r);
            int b = ClaimFieldCount;
            list.Add(new EntryRow(r.GetInt64(b), claim, Str(r, b + 1), Str(r, b + 2), Convert.ToInt32(r.GetValue(b + 3)), Str(r, b + 4) ?? ""));
        }
        return list;
    }

    /// <summary>An entry's dates as the candidate indexes key them (migration 6): an undated entry is last seen on <see cref="Undated"/>.</summary>
    private const string Undated = "9999-12-31";
    private const string LastSeenKey = "COALESCE(e.last_seen, '9999-12-31')", FirstSeenKey = "COALESCE(e.first_seen, '0000-01-01')";

    private const string CandidateColumns =
        "e.id, e.category, e.low, e.high, e.approximate, e.who_country, e.who_role, e.where_country, e.source_text, e.source_name, " +
        "e.source_country, e.source_kind, e.when_start, e.when_end, e.first_seen, e.last_seen, e.citations, e.source_key, e.via";

    private List<EntryRow> ReadCandidates(DbTransaction tx, string sql, params (string, object?)[] ps)
    {
        // On SQLite straight from the statement (the writer reads candidates for every claim it stores).
        if (_sqlite is not null) return _sqlite.Rows(sql, Untyped(ps), static r => Candidate(r));
        var list = new List<EntryRow>();
        var cmd = Command(tx, sql, ps);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) list.Add(Candidate(new ReaderRow(reader)));
        return list;
    }

    private static EntryRow Candidate<TRow>(TRow r) where TRow : IRowValues
    {
        Names.TryCategory(r.Str(1)!, out var cat);
        Names.TryRole(r.Str(6)!, out var role);
        var when = r.Str(12) is { } ws && r.Str(13) is { } we
            ? new Period("", DateOnly.ParseExact(ws, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(we, "yyyy-MM-dd", CultureInfo.InvariantCulture))
            : null;
        var source = r.Str(8) is { } st ? new Source(st, r.Str(9), r.Str(10), Names.TrySourceKind(r.Str(11) ?? "", out var k) ? k : SourceKind.Unspecified) : null;
        var claim = new Claim(cat, new Count(r.Long(2), r.Long(3), r.Long(4) != 0, ""), new Party(null, r.Str(5), role),
            r.Str(7) is { } wc ? new Place("", wc, null, null) : null, when, source, r.Str(18), Certainty.Asserted, new Evidence("", 0, 0));
        return new EntryRow(r.Long(0)!.Value, claim, r.Str(14), r.Str(15), (int)(r.Long(16) ?? 0), r.Str(17) ?? "");
    }

    private sealed record ClaimRow(Claim Claim, long DocumentId, string? Date, long? EntryId, int Row);

    private List<ClaimRow> ReadClaims(DbTransaction tx, string sql, params (string, object?)[] ps)
    {
        var list = new List<ClaimRow>();
        var cmd = Command(tx, sql, ps);
        using var r = cmd.ExecuteReader();
        int n = 0;
        while (r.Read())
        {
            int b = ClaimFieldCount;
            list.Add(new ClaimRow(ReadClaim(r), r.GetInt64(b), Str(r, b + 1), r.FieldCount > b + 2 ? Long(r, b + 2) : null, n++));
        }
        return list;
    }

    private static LedgerEntry ToEntry(EntryRow e) => new(e.Id, e.Claim, e.FirstSeen, e.LastSeen, e.Citations, e.SourceKey);

    // ---------------------------------------------------------------- helpers

    /// <summary>A null that still says its type (PostgreSQL will not guess a column's type from an untyped null).</summary>
    private sealed record TypedNull(DbType Type);

    private static readonly TypedNull NullInt64 = new(DbType.Int64), NullDouble = new(DbType.Double);
    private static object Int64(long? v) => v is { } x ? x : NullInt64;
    private static object Float(double? v) => v is { } x ? x : NullDouble;

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
    private static double? Dbl(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i));
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
