using System.Data.Common;
using System.Globalization;
using Tally.Documents;
using Tally.Model;

namespace Tally.Ledger;

/// <summary>The ledger's reads: entries listed and filtered, one entry with its citations, timelines, documents, totals. None writes.</summary>
public sealed partial class LedgerStore
{
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
        using var tx = BeginRead();
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
        using var tx = BeginRead();
        var n = Convert.ToInt64(Scalar(tx, $"SELECT COUNT(*) FROM entries e{(where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")}", ps.ToArray()));
        tx.Commit();
        return n;
    }

    /// <summary>The row id of the current document whose cleaned text is <paramref name="text"/> (what an ingest stored or recognised), if any. Read-only.</summary>
    public long? FindDocumentByText(string text)
    {
        using var tx = BeginRead();
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
        using var tx = BeginRead();
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
        // Every word in the claim's own text or in its sentence (stored once per document span, migration 8).
        if (f.Search is { Length: > 0 } q && Dialect.SearchWords(q) is { Count: > 0 } words)
        {
            var each = new List<string>(words.Count);
            for (int i = 0; i < words.Count; i++)
            {
                var p = "@search" + i.ToString(CultureInfo.InvariantCulture);
                each.Add(Dialect.ClaimMatches(p));
                ps.Add((p, words[i]));
            }
            where.Add($"e.id IN (SELECT c.entry_id FROM claims c WHERE {string.Join(" AND ", each)})");
        }
        return (where, ps);
    }


    public LedgerEntry? Get(long id)
    {
        using var tx = BeginRead();
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
        using var tx = BeginRead();
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
        var claims = ReadClaims(tx, DocumentClaimsSql, ("@id", rowId));
        tx.Commit();
        return (rowId, doc, claims.Select(x => (x.Claim, x.EntryId)).ToList());
    }

    /// <summary>Entries and citations per affected country (for maps and summaries).</summary>
    public IReadOnlyList<(string Country, string Category, int Entries, long Sum)> ByCountry()
    {
        using var tx = BeginRead();
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
        using var tx = BeginRead();
        var d = Convert.ToInt64(Scalar(tx, "SELECT COUNT(*) FROM documents WHERE is_current = 1"));
        var c = Convert.ToInt64(Scalar(tx, "SELECT COUNT(*) FROM claims WHERE entry_id IS NOT NULL"));
        var e = Convert.ToInt64(Scalar(tx, "SELECT COUNT(*) FROM entries"));
        tx.Commit();
        return (d, c, e);
    }


    private List<Citation> Citations(DbTransaction tx, long entryId)
    {
        var list = new List<Citation>();
        var cmd = Command(tx, $"""
            SELECT c.id, d.id, d.doc_key, d.url, d.outlet, d.published, d.language, {ClaimColumns.Sentence("c")}, c.evidence_start, c.evidence_end,
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

    // ---------------------------------------------------------------- rows

    private static readonly string EntryColumns = ClaimColumns.Select("e") + ", e.id, e.first_seen, e.last_seen, e.citations, e.source_key";
    private static readonly string DocumentClaimsSql =
        $"SELECT {ClaimColumns.Select("c")}, c.document_id, c.published_date, c.entry_id, c.sentence_id FROM claims c WHERE c.document_id = @id ORDER BY c.ordinal";

    private List<EntryRow> ReadEntries(DbTransaction tx, string sql, params (string, object?)[] ps)
    {
        var list = new List<EntryRow>();
        var cmd = Command(tx, sql, ps);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var claim = ClaimColumns.Read(r);
            int b = ClaimColumns.Count;
            list.Add(new EntryRow(r.GetInt64(b), claim, Str(r, b + 1), Str(r, b + 2), Convert.ToInt32(r.GetValue(b + 3)), Str(r, b + 4) ?? ""));
        }
        return list;
    }

    private sealed record ClaimRow(Claim Claim, long DocumentId, string? Date, long? EntryId, long? SentenceId);

    private List<ClaimRow> ReadClaims(DbTransaction tx, string sql, params (string, object?)[] ps)
    {
        var list = new List<ClaimRow>();
        var cmd = Command(tx, sql, ps);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            int b = ClaimColumns.Count;
            list.Add(new ClaimRow(ClaimColumns.Read(r), r.GetInt64(b), Str(r, b + 1), Long(r, b + 2), Long(r, b + 3)));
        }
        return list;
    }

    private static LedgerEntry ToEntry(EntryRow e) => new(e.Id, e.Claim, e.FirstSeen, e.LastSeen, e.Citations, e.SourceKey);
}
