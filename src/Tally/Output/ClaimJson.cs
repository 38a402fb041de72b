using System.Text.Encodings.Web;
using System.Text.Json;
using Tally.Documents;
using Tally.Model;

namespace Tally.Output;

/// <summary>Writes documents and claims in the spec's JSON shape (../shared/spec/claims.md), by hand, with no reflection.</summary>
public static class ClaimJson
{
    public static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };
    public static readonly JsonWriterOptions Pretty = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static void WriteDocument(Utf8JsonWriter w, Document d, IReadOnlyList<Claim> claims)
    {
        w.WriteStartObject();
        w.WritePropertyName("document");
        w.WriteStartObject();
        w.WriteString("id", d.Id);
        w.WriteString("url", d.Url);
        w.WriteString("title", d.Title);
        w.WriteString("language", d.Language);
        w.WriteString("published", d.PublishedText);
        w.WriteString("text", d.Text);
        w.WriteEndObject();
        w.WritePropertyName("claims");
        w.WriteStartArray();
        foreach (var c in claims) WriteClaim(w, c);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteClaim(Utf8JsonWriter w, Claim c)
    {
        w.WriteStartObject();
        WriteClaimFields(w, c);
        w.WriteEndObject();
    }

    /// <summary>A claim's properties, inside an object the caller opened (the ledger adds its own around them).</summary>
    public static void WriteClaimFields(Utf8JsonWriter w, Claim c)
    {
        w.WriteString("category", Names.Of(c.Category));
        WriteCount(w, c.Count);
        w.WritePropertyName("who");
        w.WriteStartObject();
        w.WriteString("text", c.Who.Text);
        w.WriteString("country", c.Who.Country);
        w.WriteString("role", Names.Of(c.Who.Role));
        w.WriteEndObject();
        if (c.Where is { } p)
        {
            w.WritePropertyName("where");
            w.WriteStartObject();
            w.WriteString("text", p.Text);
            w.WriteString("country", p.Country);
            WriteDouble(w, "lat", p.Lat);
            WriteDouble(w, "lon", p.Lon);
            w.WriteEndObject();
        }
        else w.WriteNull("where");
        if (c.When is { } t)
        {
            w.WritePropertyName("when");
            w.WriteStartObject();
            w.WriteString("text", t.Text);
            w.WriteString("start", t.Start.ToString("yyyy-MM-dd"));
            w.WriteString("end", t.End.ToString("yyyy-MM-dd"));
            w.WriteEndObject();
        }
        else w.WriteNull("when");
        if (c.Source is { } s)
        {
            w.WritePropertyName("source");
            w.WriteStartObject();
            w.WriteString("text", s.Text);
            w.WriteString("name", s.Name);
            w.WriteString("country", s.Country);
            w.WriteString("kind", Names.Of(s.Kind));
            w.WriteEndObject();
        }
        else w.WriteNull("source");
        w.WriteString("via", c.Via);
        w.WriteString("certainty", Names.Of(c.Certainty));
        WriteEvidence(w, c.Evidence);
    }

    /// <summary>The "count" property.</summary>
    public static void WriteCount(Utf8JsonWriter w, Count count)
    {
        w.WritePropertyName("count");
        w.WriteStartObject();
        WriteLong(w, "low", count.Low);
        WriteLong(w, "high", count.High);
        w.WriteBoolean("approximate", count.Approximate);
        w.WriteString("text", count.Text);
        w.WriteEndObject();
    }

    /// <summary>The "evidence" property.</summary>
    public static void WriteEvidence(Utf8JsonWriter w, Evidence e)
    {
        w.WritePropertyName("evidence");
        w.WriteStartObject();
        w.WriteString("sentence", e.Sentence);
        w.WriteNumber("start", e.Start);
        w.WriteNumber("end", e.End);
        w.WriteEndObject();
    }

    private static void WriteLong(Utf8JsonWriter w, string name, long? v)
    {
        if (v is { } x) w.WriteNumber(name, x); else w.WriteNull(name);
    }

    private static void WriteDouble(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x) w.WriteNumber(name, Math.Round(x, 4)); else w.WriteNull(name);
    }

    public static string ToJsonLine(Document d, IReadOnlyList<Claim> claims)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Compact)) WriteDocument(w, d, claims);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }
}
