using System.Data.Common;
using System.Globalization;
using Tally.Extraction;
using Tally.Model;

namespace Tally.Ledger;

/// <summary>
/// The ledger's writes: storing a batch of documents, merging each claim into the entry that states it already or a
/// new one, and rebuilding the entries a superseded document version cited.
/// </summary>
public sealed partial class LedgerStore
{
    /// <summary>
    /// Stores a batch of extracted documents and merges their claims into the ledger, in one transaction. With
    /// <paramref name="documents"/>, also tells where each document of the batch is now, in batch order (what a caller
    /// that answers for each document needs, without looking each one up again).
    /// </summary>
    public IngestSummary Ingest(IReadOnlyList<ExtractionResult> batch, List<IngestedDocument>? documents = null)
    {
        var summary = new IngestSummary();
        // Only when asked: the rows this batch stored and superseded (whether a recognised document was in the ledger before the batch).
        HashSet<long>? storedNow = documents is null ? null : [], supersededNow = documents is null ? null : [];
        using var tx = BeginWrite();
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        foreach (var r in batch)
        {
            summary.Read++;
            var d = r.Document;
            var hash = Hash(d.Text);
            if (Scalar(tx, "SELECT id FROM documents WHERE content_hash = @h", ("@h", hash)) is { } existing)
            {
                summary.Skipped++;
                documents?.Add(Recognised(tx, Convert.ToInt64(existing), storedNow!, supersededNow!));
                continue;
            }
            var urlKey = d.Url is { Length: > 0 } u ? NormalizeUrl(u) : "text:" + hash;
            int version = 1;
            if (Scalar(tx, "SELECT id FROM documents WHERE url_key = @k AND is_current = 1", ("@k", urlKey)) is { } prev)
            {
                long prevId = Convert.ToInt64(prev);
                version = Convert.ToInt32(Scalar(tx, "SELECT MAX(version) FROM documents WHERE url_key = @k", ("@k", urlKey))) + 1;
                Exec(tx, "UPDATE documents SET is_current = 0 WHERE id = @id", ("@id", prevId));
                Detach(tx, prevId);
                summary.Versions++;
                if (documents is not null) Superseded(documents, supersededNow!, prevId);
            }
            var published = d.PublishedText;
            DateOnly? day = d.Published is { } p ? DateOnly.FromDateTime(p.DateTime) : null;
            var publishedDate = day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            long docId = Convert.ToInt64(Scalar(tx, """
                INSERT INTO documents (doc_key, url, url_key, version, is_current, content_hash, title, language, published, published_date, outlet, text, ingested_at)
                VALUES (@key, @url, @urlkey, @version, 1, @hash, @title, @lang, @pub, @pubdate, @outlet, @text, @now) RETURNING id
                """,
                ("@key", d.Id), ("@url", d.Url), ("@urlkey", urlKey), ("@version", version), ("@hash", hash), ("@title", d.Title),
                ("@lang", d.Language), ("@pub", published), ("@pubdate", publishedDate), ("@outlet", d.Outlet ?? Outlet(d.Url)),
                ("@text", d.Text), ("@now", now)));
            summary.Stored++;
            var usedByThisDocument = new HashSet<long>();
            // The document's evidence sentences, each stored once however many claims it holds (a span of figures can hold hundreds).
            var sentences = new Dictionary<(int, int), long>();
            var window = MergeWindow(day, day);
            int ordinal = 0;
            List<long>? entryIds = documents is null ? null : [];
            foreach (var extracted in r.Claims)
            {
                // The day a figure was reported is its citation's date here, not a period of its own: the same statement
                // reported a week later is the same entry.
                var claim = extracted.When is { Reported: true } ? extracted with { When = null } : extracted;
                // An undated document bounds its claim by the period the claim refers to, when it states one.
                var entry = FindEntry(tx, claim, window ?? MergeWindow(claim.When?.Start, claim.When?.End), usedByThisDocument);
                var sourceKey = SourceIdentity.Key(claim.Source);
                long sentenceId = Sentence(tx, docId, claim.Evidence, sentences);
                long entryId;
                if (entry is null)
                {
                    entryId = InsertEntry(tx, claim, sourceKey, docId, sentenceId, publishedDate);
                    summary.EntriesCreated++;
                }
                else
                {
                    entryId = entry.Id;
                    UpdateEntry(tx, entry, claim, sourceKey, docId, sentenceId, publishedDate);
                    summary.EntriesMerged++;
                }
                usedByThisDocument.Add(entryId);
                if (entryIds is not null && !entryIds.Contains(entryId)) entryIds.Add(entryId);
                InsertClaim(tx, claim, sourceKey, docId, entryId, sentenceId, ordinal++, publishedDate);
                summary.ClaimsAdded++;
            }
            documents?.Add(new IngestedDocument(docId, true, entryIds!));
            storedNow?.Add(docId);
        }
        tx.Commit();
        return summary;
    }

    /// <summary>
    /// A document whose text is already stored (row <paramref name="id"/>): the row while it is the current version, with the
    /// entries its claims cite; new unless it was the current version before the batch.
    /// </summary>
    private IngestedDocument Recognised(DbTransaction tx, long id, HashSet<long> storedNow, HashSet<long> supersededNow)
    {
        if (Convert.ToInt64(Scalar(tx, "SELECT is_current FROM documents WHERE id = @id", ("@id", id))) == 0)
            return new IngestedDocument(null, !supersededNow.Contains(id) || storedNow.Contains(id), []);
        var entryIds = new List<long>();
        var cmd = Command(tx, "SELECT entry_id FROM claims WHERE document_id = @d AND entry_id IS NOT NULL ORDER BY ordinal", ("@d", id));
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                if (r.GetInt64(0) is var e && !entryIds.Contains(e)) entryIds.Add(e);
        return new IngestedDocument(id, storedNow.Contains(id), entryIds);
    }

    /// <summary>A row superseded by a new version in this batch: the documents of the batch that were it are no longer current.</summary>
    private static void Superseded(List<IngestedDocument> documents, HashSet<long> supersededNow, long rowId)
    {
        supersededNow.Add(rowId);
        for (int i = 0; i < documents.Count; i++)
            if (documents[i].RowId == rowId) documents[i] = documents[i] with { RowId = null, EntryIds = [] };
    }

    /// <summary>Records one run of <c>tally ingest</c> (migration 2's log).</summary>
    public void LogRun(DateTimeOffset started, IngestSummary s)
    {
        using var tx = BeginWrite();
        Exec(tx, """
            INSERT INTO ingest_runs (started_at, finished_at, documents_read, documents_stored, documents_skipped, documents_failed, claims_added, entries_created, entries_merged)
            VALUES (@s, @f, @r, @st, @sk, @fa, @c, @ec, @em)
            """, ("@s", started.ToString("O")), ("@f", DateTimeOffset.UtcNow.ToString("O")), ("@r", s.Read), ("@st", s.Stored), ("@sk", s.Skipped),
            ("@fa", s.Failed), ("@c", s.ClaimsAdded), ("@ec", s.EntriesCreated), ("@em", s.EntriesMerged));
        tx.Commit();
    }

    private sealed record EntryRow(long Id, Claim Claim, string? FirstSeen, string? LastSeen, int Citations, string SourceKey);

    /// <summary>
    /// The merge window of a span of days (a document's publication date, or the period an undated document's claim
    /// refers to), as the candidate query binds it: a window's width before its first day and after its last, and the
    /// farthest last citation an entry overlapping it can have. Null: no date to bound the claim by.
    /// The days are clamped to the calendar (0001-01-01 .. 9999-12-31), so no date and no window width makes it overflow.
    /// </summary>
    private (string Lo, string Hi, string Far)? MergeWindow(DateOnly? first, DateOnly? last)
    {
        if (first is not { } f || last is not { } l) return null;
        static string Day(DateOnly d, long offset) =>
            DateOnly.FromDayNumber((int)Math.Clamp(d.DayNumber + offset, DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber))
                .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        long width = _merge.WindowDays;
        return (Day(f, -width), Day(l, width), Day(l, width + _merge.LongestSpanDays));
    }

    /// <summary>The entry a new claim states again, if any (see <see cref="EntryMatcher"/>).</summary>
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

    // The statements that write a claim's columns, built once from ClaimColumns (the prepared statements are found by their text).
    private static readonly string InsertEntrySql = $"""
        INSERT INTO entries ({ClaimColumns.List}, source_key, evidence_document, sentence_id, first_seen, last_seen, citations)
        VALUES ({ClaimColumns.Parameters}, @key, @doc, @sentence, @first, @last, 1) RETURNING id
        """;
    private static readonly string InsertClaimSql = $"""
        INSERT INTO claims (document_id, entry_id, sentence_id, ordinal, {ClaimColumns.List}, source_key, published_date)
        VALUES (@doc, @entry, @sentence, @ord, {ClaimColumns.Parameters}, @key, @date) RETURNING id
        """;
    private static readonly string CitedFaceSql = FaceSql("citations + 1"), RebuiltFaceSql = FaceSql("@n");
    private static readonly string CitingClaimsSql =
        $"SELECT {ClaimColumns.Select("c")}, c.document_id, c.published_date, c.entry_id, c.sentence_id FROM claims c WHERE c.entry_id = @id ORDER BY c.id";
    private const string InsertSentenceSql =
        "INSERT INTO sentences (document_id, span_start, span_end, text) VALUES (@doc, @start, @end, @text) RETURNING id";

    /// <summary>An entry's new face (claim columns, source key, evidence document and sentence, dates) with its citations counted by <paramref name="citations"/>.</summary>
    private static string FaceSql(string citations) => $"""
        UPDATE entries SET ({ClaimColumns.List}, source_key, evidence_document, sentence_id, first_seen, last_seen, citations)
        = ({ClaimColumns.Parameters}, @key, @doc, @sentence, @first, @last, {citations}) WHERE id = @id
        """;

    /// <summary>
    /// The row of a claim's evidence sentence in the new document <paramref name="docId"/>: stored (and indexed for search)
    /// at its first claim, found in <paramref name="stored"/> for the others.
    /// </summary>
    private long Sentence(DbTransaction tx, long docId, Evidence evidence, Dictionary<(int, int), long> stored)
    {
        if (stored.TryGetValue((evidence.Start, evidence.End), out var id)) return id;
        id = Convert.ToInt64(Scalar(tx, InsertSentenceSql, ("@doc", docId), ("@start", evidence.Start), ("@end", evidence.End), ("@text", evidence.Sentence)));
        foreach (var sql in Dialect.IndexSentence()) Exec(tx, sql, ("@id", id), ("@body", evidence.Sentence));
        stored[(evidence.Start, evidence.End)] = id;
        return id;
    }

    private long InsertEntry(DbTransaction tx, Claim c, string sourceKey, long docId, long sentenceId, string? date) =>
        Convert.ToInt64(Scalar(tx, InsertEntrySql, ClaimColumns.Bind(c, ("@doc", docId), ("@sentence", sentenceId), ("@first", date), ("@last", date), ("@key", sourceKey))));

    /// <summary>Gives an entry a new face: one more citation, or (<paramref name="citations"/>) as many as it has after a rebuild.</summary>
    private void SetFace(DbTransaction tx, long entryId, Claim face, string sourceKey, long docId, long? sentenceId, string? first, string? last, int? citations = null)
    {
        var sentence = TypedNull.Int64(sentenceId);
        if (citations is { } n)
            Exec(tx, RebuiltFaceSql, ClaimColumns.Bind(face, ("@id", entryId), ("@doc", docId), ("@sentence", sentence), ("@first", first), ("@last", last), ("@key", sourceKey), ("@n", n)));
        else
            Exec(tx, CitedFaceSql, ClaimColumns.Bind(face, ("@id", entryId), ("@doc", docId), ("@sentence", sentence), ("@first", first), ("@last", last), ("@key", sourceKey)));
    }

    /// <summary>What search looks at in a claim besides its sentence (indexed once, with the sentence): party, place, source and count as written.</summary>
    private static string SearchBody(Claim c) =>
        string.Join('\n', new[] { c.Who.Text, c.Where?.Text, c.Source?.Text, c.Count.Text }.Where(p => !string.IsNullOrEmpty(p)).Distinct());

    /// <summary>A new citation: the entry keeps the most precise count cited, gains a source if it had none, widens its dates.</summary>
    private void UpdateEntry(DbTransaction tx, EntryRow e, Claim c, string sourceKey, long docId, long sentenceId, string? date)
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
            SetFace(tx, e.Id, face, faceKey, docId, sentenceId, first, last);
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

    private void InsertClaim(DbTransaction tx, Claim c, string sourceKey, long docId, long entryId, long sentenceId, int ordinal, string? date)
    {
        long id = Convert.ToInt64(Scalar(tx, InsertClaimSql,
            ClaimColumns.Bind(c, ("@doc", docId), ("@entry", entryId), ("@sentence", sentenceId), ("@ord", ordinal), ("@date", date), ("@key", sourceKey))));
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
        var cits = ReadClaims(tx, CitingClaimsSql, ("@id", entryId));
        if (cits.Count == 0)
        {
            Exec(tx, "DELETE FROM entries WHERE id = @id", ("@id", entryId));
            return;
        }
        // The most precise count; of equals, the first cited (MaxBy keeps the first of equal keys).
        var best = cits.MaxBy(x => CountRelations.Precision(x.Claim.Count))!;
        var source = cits.Select(x => x.Claim.Source).FirstOrDefault(s => s is not null);
        var face = best.Claim.Source is null && source is not null ? best.Claim with { Source = source } : best.Claim;
        var dates = cits.Select(x => x.Date).Where(x => x is not null).ToList();
        SetFace(tx, entryId, face, SourceIdentity.Key(face.Source), best.DocumentId, best.SentenceId, dates.Min(), dates.Max(), cits.Count);
    }

    /// <summary>An entry's dates as the candidate indexes key them (migration 6): an undated entry is last seen on 9999-12-31.</summary>
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
}
