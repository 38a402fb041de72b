using System.Globalization;
using System.Text;
using System.Text.Json;
using Tally.Model;
using Tally.Output;

namespace Tally.Ledger;

/// <summary>Ledger entries as JSON Lines, CSV and HXL (the Humanitarian Exchange Language: CSV with a row of hashtags).</summary>
public static class LedgerExport
{
    public static void WriteEntryJson(Utf8JsonWriter w, LedgerEntry e, bool withCitations = true)
    {
        // The claim fields as `extract` writes them, plus the ledger's own.
        w.WriteStartObject();
        w.WriteNumber("id", e.Id);
        ClaimJson.WriteClaimFields(w, e.Claim);
        w.WriteString("first_seen", e.FirstSeen);
        w.WriteString("last_seen", e.LastSeen);
        w.WriteNumber("citation_count", e.CitationCount);
        if (withCitations)
        {
            w.WritePropertyName("citations");
            w.WriteStartArray();
            foreach (var c in e.Citations)
            {
                w.WriteStartObject();
                w.WritePropertyName("document");
                w.WriteStartObject();
                w.WriteString("id", c.Document.Id);
                w.WriteString("url", c.Document.Url);
                w.WriteString("outlet", c.Document.Outlet);
                w.WriteString("published", c.Document.Published);
                w.WriteString("language", c.Document.Language);
                w.WriteEndObject();
                ClaimJson.WriteEvidence(w, c.Evidence);
                ClaimJson.WriteCount(w, c.Count);
                w.WriteString("source", c.Source?.Text);
                w.WriteString("certainty", Names.Of(c.Certainty));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static string ToJsonLine(LedgerEntry e, bool withCitations = true)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, ClaimJson.Compact)) WriteEntryJson(w, e, withCitations);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static readonly (string Header, string Hxl, Func<LedgerEntry, string?> Value)[] Columns =
    [
        ("Entry", "#meta+id", e => e.Id.ToString(CultureInfo.InvariantCulture)),
        ("Category", "#meta+category", e => Names.Of(e.Claim.Category)),
        ("Date reported", "#date+reported", e => e.FirstSeen),
        ("Last reported", "#date+last", e => e.LastSeen),
        ("Period start", "#date+start", e => e.Claim.When?.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("Period end", "#date+end", e => e.Claim.When?.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("Country code", "#country+code", e => e.Claim.Where?.Country ?? e.Claim.Who.Country),
        ("Place", "#adm1+name", e => e.Claim.Where?.Text),
        ("Latitude", "#geo+lat", e => e.Claim.Where?.Lat?.ToString("0.####", CultureInfo.InvariantCulture)),
        ("Longitude", "#geo+lon", e => e.Claim.Where?.Lon?.ToString("0.####", CultureInfo.InvariantCulture)),
        ("Affected party", "#group+name", e => e.Claim.Who.Text),
        ("Party country", "#group+country+code", e => e.Claim.Who.Country),
        ("Party role", "#group+type", e => Names.Of(e.Claim.Who.Role)),
        ("Killed", "#affected+killed", e => Best(e, Category.Killed)),
        ("Injured", "#affected+injured", e => Best(e, Category.Injured)),
        ("Killed or injured", "#affected+casualties", e => Best(e, Category.Casualties)),
        ("Missing", "#affected+missing", e => Best(e, Category.Missing)),
        ("Captured", "#affected+captured", e => Best(e, Category.Captured)),
        ("Displaced", "#affected+displaced", e => Best(e, Category.Displaced)),
        ("Affected", "#affected+total", e => Best(e, Category.Affected)),
        ("Deployed", "#value+deployed", e => Best(e, Category.Deployed)),
        ("Returned", "#value+returned", e => Best(e, Category.Returned)),
        ("Low", "#value+min", e => e.Claim.Count.Low?.ToString(CultureInfo.InvariantCulture)),
        ("High", "#value+max", e => e.Claim.Count.High?.ToString(CultureInfo.InvariantCulture)),
        ("Approximate", "#meta+approximate", e => e.Claim.Count.Approximate ? "yes" : "no"),
        ("As written", "#description+count", e => e.Claim.Count.Text),
        ("Source", "#meta+source", e => e.Claim.Source?.Text),
        ("Source name", "#meta+source+name", e => e.Claim.Source?.Name),
        ("Source type", "#meta+source+type", e => e.Claim.Source is { } s ? Names.Of(s.Kind) : null),
        ("Source country", "#meta+source+country", e => e.Claim.Source?.Country),
        ("Via", "#meta+via", e => e.Claim.Via),
        ("Certainty", "#meta+certainty", e => Names.Of(e.Claim.Certainty)),
        ("Citations", "#meta+citations", e => e.CitationCount.ToString(CultureInfo.InvariantCulture)),
        ("URL", "#meta+url", e => e.Citations.FirstOrDefault(c => c.Document.Url is not null)?.Document.Url),
        ("Evidence", "#description+evidence", e => e.Claim.Evidence.Sentence),
    ];

    /// <summary>The best single figure of an entry in its category's column (low, else high).</summary>
    private static string? Best(LedgerEntry e, Category c) =>
        e.Claim.Category == c ? (e.Claim.Count.Low ?? e.Claim.Count.High)?.ToString(CultureInfo.InvariantCulture) : null;

    public static void WriteCsv(TextWriter w, IEnumerable<LedgerEntry> entries, bool hxl)
    {
        w.Write(string.Join(',', Columns.Select(c => Csv(c.Header))));
        w.Write("\r\n");
        if (hxl)
        {
            w.Write(string.Join(',', Columns.Select(c => c.Hxl)));
            w.Write("\r\n");
        }
        foreach (var e in entries)
        {
            w.Write(string.Join(',', Columns.Select(c => Csv(c.Value(e)))));
            w.Write("\r\n");
        }
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet does not run it as a formula.</summary>
    public static string Csv(string? v)
    {
        if (string.IsNullOrEmpty(v)) return "";
        if (v[0] is '=' or '+' or '@' || (v[0] == '-' && !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))) v = "'" + v;
        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }
}
