using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tally.Evaluation;

/// <summary>
/// The spec's scoring (the same numbers as ../shared/eval/score): claims are paired one-to-one per document on equal
/// (category, low, high), greedily, preferring the closest evidence; precision, recall and F1 over all documents;
/// lenient F1 on overlapping ranges; and on paired claims the share right for each attribute.
/// </summary>
public static partial class Scorer
{
    public static readonly string[] Attributes = ["who.country", "who.role", "source", "source.country", "where.country", "when", "certainty", "approximate"];

    public sealed class Totals
    {
        public int Paired, System, Gold, LenientPaired;
        public (double P, double R, double F) Strict => Prf(Paired, System, Gold);
        public double LenientF1 => Prf(LenientPaired, System, Gold).F;
    }

    public sealed class Report
    {
        public Dictionary<string, Totals> Groups { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, (int Right, int Judged)> Attrs { get; } = Attributes.ToDictionary(a => a, _ => (0, 0));
        public List<string> MissingDocuments { get; } = [];
        public List<string> Errors { get; } = [];
        public double F1 => Groups.TryGetValue("all", out var t) ? t.Strict.F : 0;

        public string Format(bool byLanguage, int errors)
        {
            var sb = new StringBuilder();
            if (MissingDocuments.Count > 0)
                sb.Append(CultureInfo.InvariantCulture, $"documents with no output: {MissingDocuments.Count} ({string.Join(", ", MissingDocuments.Take(10))})\n");
            var groups = new List<string> { "all" };
            if (byLanguage) groups.AddRange(Groups.Keys.Where(k => k != "all").Order(StringComparer.Ordinal));
            foreach (var g in groups)
            {
                var t = Groups.TryGetValue(g, out var v) ? v : new Totals();
                var (p, r, f) = t.Strict;
                sb.Append(CultureInfo.InvariantCulture,
                    $"{g,-10} gold {t.Gold,4}  extracted {t.System,4}  paired {t.Paired,4}  P {p:F3}  R {r:F3}  F1 {f:F3}  lenient F1 {t.LenientF1:F3}\n");
            }
            foreach (var a in Attributes)
            {
                var (right, judged) = Attrs[a];
                var share = judged > 0 ? ((double)right / judged).ToString("F3", CultureInfo.InvariantCulture) : "  -  ";
                sb.Append(CultureInfo.InvariantCulture, $"  {a,-15} {share}  ({right}/{judged} paired claims)\n");
            }
            foreach (var e in Errors.Take(errors)) sb.Append(e).Append('\n');
            sb.Append(CultureInfo.InvariantCulture, $"F1 {F1:F3}\n");
            return sb.ToString();
        }
    }

    public static List<JsonElement> LoadJsonLines(string path)
    {
        var rows = new List<JsonElement>();
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try { rows.Add(JsonDocument.Parse(line).RootElement.Clone()); }
            catch (JsonException e) { throw new InvalidDataException($"{path}:{n}: not JSON: {e.Message}"); }
        }
        return rows;
    }

    /// <summary>
    /// The gold documents whose numeric id is at least <paramref name="from"/> and below <paramref name="below"/> (either
    /// may be null), as the reference scorer's --ids-from and --ids-below select them: a document whose id is not a number
    /// is left out by a lower bound and kept by an upper one.
    /// </summary>
    public static List<JsonElement> SelectIds(IEnumerable<JsonElement> gold, int? from, int? below)
    {
        static int? Numeric(JsonElement g) => Str(Get(g, "id")) is { } s && int.TryParse(s.Trim(), System.Globalization.NumberStyles.AllowLeadingSign,
            System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        return gold.Where(g => (from is null || Numeric(g) is { } a && a >= from) && (below is null || Numeric(g) is not { } b || b < below)).ToList();
    }

    public static Report Score(IReadOnlyList<JsonElement> gold, IReadOnlyList<JsonElement> system)
    {
        var byKey = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var row in system)
        {
            var doc = Get(row, "document");
            foreach (var key in new[] { Str(Get(doc, "url")), Str(Get(doc, "id")) })
                if (!string.IsNullOrEmpty(key)) byKey.TryAdd(key, row);
        }

        var report = new Report();
        foreach (var gdoc in gold)
        {
            JsonElement? row = null;
            var gurl = Str(Get(gdoc, "url")); var gid = Str(Get(gdoc, "id"));
            if (gurl is not null && byKey.TryGetValue(gurl, out var r1)) row = r1;
            else if (gid is not null && byKey.TryGetValue(gid, out var r2)) row = r2;
            if (row is null) report.MissingDocuments.Add(gid ?? "None");
            var goldClaims = List(Get(gdoc, "claims"));
            var sysClaims = row is { } rr ? List(Get(rr, "claims")) : [];
            var pairs = Pair(goldClaims, sysClaims, Strict);
            var lpairs = Pair(goldClaims, sysClaims, Lenient);
            foreach (var group in new[] { "all", "lang:" + (Str(Get(gdoc, "language")) ?? "None") })
            {
                if (!report.Groups.TryGetValue(group, out var t)) report.Groups[group] = t = new Totals();
                t.Paired += pairs.Count; t.System += sysClaims.Count; t.Gold += goldClaims.Count; t.LenientPaired += lpairs.Count;
            }
            foreach (var (g, s) in pairs)
            {
                foreach (var attr in Attributes)
                {
                    var v = Judge(attr, goldClaims[g], sysClaims[s]);
                    if (v is null) continue;
                    var (right, judged) = report.Attrs[attr];
                    report.Attrs[attr] = (right + (v.Value ? 1 : 0), judged + 1);
                }
            }
            var pairedG = pairs.Select(p => p.G).ToHashSet();
            var pairedS = pairs.Select(p => p.S).ToHashSet();
            for (int i = 0; i < goldClaims.Count; i++)
            {
                if (pairedG.Contains(i)) continue;
                var g = goldClaims[i];
                report.Errors.Add($"{gid} MISSED {Str(Get(g, "category"))} {Py(Num(Get(g, "low")))}-{Py(Num(Get(g, "high")))}: {Trunc(Str(Get(g, "evidence")) ?? "", 100)}");
            }
            for (int i = 0; i < sysClaims.Count; i++)
            {
                if (pairedS.Contains(i)) continue;
                var s = sysClaims[i];
                var (lo, hi) = CountOf(s);
                report.Errors.Add($"{gid} EXTRA  {Str(Get(s, "category"))} {Py(lo)}-{Py(hi)}: {Trunc(Str(Get(Get(s, "evidence"), "sentence")) ?? "None", 100)}");
            }
        }
        report.Groups.TryAdd("all", new Totals());
        return report;
    }

    private static string Py(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "None";

    private static string Trunc(string s, int n) => s.Length <= n ? s : s[..n];

    private static List<(int G, int S)> Pair(List<JsonElement> gold, List<JsonElement> system, Func<JsonElement, JsonElement, bool> same)
    {
        var used = new HashSet<int>();
        var pairs = new List<(int, int)>();
        for (int gi = 0; gi < gold.Count; gi++)
        {
            int best = -1; double bestScore = -1;
            for (int si = 0; si < system.Count; si++)
            {
                if (used.Contains(si) || !same(gold[gi], system[si])) continue;
                var score = EvidenceOverlap(gold[gi], system[si]);
                if (score > bestScore) { best = si; bestScore = score; }
            }
            if (best >= 0) { used.Add(best); pairs.Add((gi, best)); }
        }
        return pairs.Select(p => (p.Item1, p.Item2)).ToList();
    }

    private static bool Strict(JsonElement g, JsonElement s)
    {
        var (low, high) = CountOf(s);
        return Str(Get(s, "category")) == Str(Get(g, "category")) && low == Num(Get(g, "low")) && high == Num(Get(g, "high"));
    }

    private static bool Lenient(JsonElement g, JsonElement s)
    {
        if (Str(Get(s, "category")) != Str(Get(g, "category"))) return false;
        var (low, high) = CountOf(s);
        double lo1 = Num(Get(g, "low")) ?? 0, hi1 = Num(Get(g, "high")) is { } gh ? gh : double.PositiveInfinity;
        double lo2 = low ?? 0, hi2 = high is { } sh ? sh : double.PositiveInfinity;
        return lo1 <= hi2 && lo2 <= hi1;
    }

    private static bool? Judge(string attr, JsonElement g, JsonElement s)
    {
        switch (attr)
        {
            case "who.country":
            case "who.role":
                if (Truthy(GetPath(g, "who.any"))) return null;
                return JsonEq(GetPath(g, attr), GetPath(s, attr));
            case "source":
            case "source.country":
            {
                var gs = Get(g, "source");
                if (gs is { ValueKind: JsonValueKind.Object } && Truthy(Get(gs, "any"))) return null;
                var ss = Get(s, "source");
                bool has = ss is { ValueKind: JsonValueKind.Object } && (Norm(Str(Get(ss, "text"))).Length > 0 || Norm(Str(Get(ss, "name"))).Length > 0);
                if (gs is null || gs.Value.ValueKind == JsonValueKind.Null)
                    return attr == "source.country" ? null : !has;
                if (attr == "source.country")
                    return has ? JsonEq(Get(gs, "country"), ss is { ValueKind: JsonValueKind.Object } ? Get(ss, "country") : null) : false;
                var said = Norm(Str(Get(ss, "text"))) + " | " + Norm(Str(Get(ss, "name")));
                return has && List(Get(gs, "aliases")).Any(a => said.Contains(Norm(a.ValueKind == JsonValueKind.String ? a.GetString() : a.GetRawText()), StringComparison.Ordinal));
            }
            case "where.country":
                if (Truthy(GetPath(g, "where.any"))) return null;
                return JsonEq(GetPath(g, "where.country"), GetPath(s, "where.country"));
            case "when":
            {
                var gw = Get(g, "when");
                if (!Truthy(gw) || Truthy(Get(gw, "any"))) return null;
                return JsonEq(Get(gw, "start"), GetPath(s, "when.start")) && JsonEq(Get(gw, "end"), GetPath(s, "when.end"));
            }
            case "certainty":
            {
                var want = Get(g, "certainty");
                if (want is null || want.Value.ValueKind == JsonValueKind.Null) return null;
                var got = Get(s, "certainty");
                if (want.Value.ValueKind == JsonValueKind.Array) return want.Value.EnumerateArray().Any(w => JsonEq(w, got));
                return JsonEq(want, got);
            }
            case "approximate":
                return Truthy(Get(g, "approximate")) == Truthy(GetPath(s, "count.approximate"));
        }
        throw new KeyNotFoundException(attr);
    }

    private static double EvidenceOverlap(JsonElement g, JsonElement s)
    {
        var a = Words(Str(Get(g, "evidence")));
        var b = Words(Str(GetPath(s, "evidence.sentence")));
        if (a.Count == 0 || b.Count == 0) return 0;
        int inter = a.Count(b.Contains);
        return (double)inter / (a.Count + b.Count - inter);
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordRx();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpaceRx();

    private static HashSet<string> Words(string? s) => WordRx().Matches(Norm(s)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    private static string Norm(string? s) => SpaceRx().Replace((s ?? "").ToLowerInvariant(), " ").Trim();

    private static (long? Low, long? High) CountOf(JsonElement c)
    {
        var cnt = Get(c, "count");
        if (!Truthy(cnt)) return (null, null);
        return (Num(Get(cnt, "low")), Num(Get(cnt, "high")));
    }

    private static JsonElement? Get(JsonElement? e, string name) =>
        e is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) ? v : null;

    private static JsonElement? GetPath(JsonElement? e, string path)
    {
        foreach (var key in path.Split('.'))
        {
            if (e is not { ValueKind: JsonValueKind.Object }) return null;
            e = Get(e, key);
        }
        return e;
    }

    private static string? Str(JsonElement? e) => e is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    private static long? Num(JsonElement? e) => e is { ValueKind: JsonValueKind.Number } n ? (n.TryGetInt64(out var l) ? l : (long)n.GetDouble()) : null;

    private static List<JsonElement> List(JsonElement? e) => e is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().ToList() : [];

    /// <summary>Python truthiness of a JSON value.</summary>
    private static bool Truthy(JsonElement? e) => e switch
    {
        null => false,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.Number } n => n.GetDouble() != 0,
        { ValueKind: JsonValueKind.String } s => s.GetString()!.Length > 0,
        { ValueKind: JsonValueKind.Array } a => a.GetArrayLength() > 0,
        { ValueKind: JsonValueKind.Object } o => o.EnumerateObject().Any(),
        _ => true,
    };

    /// <summary>Python == on decoded JSON values (null equals a missing key).</summary>
    private static bool JsonEq(JsonElement? a, JsonElement? b)
    {
        bool an = a is null || a.Value.ValueKind == JsonValueKind.Null, bn = b is null || b.Value.ValueKind == JsonValueKind.Null;
        if (an || bn) return an && bn;
        var x = a!.Value; var y = b!.Value;
        if (x.ValueKind is JsonValueKind.True or JsonValueKind.False && y.ValueKind is JsonValueKind.True or JsonValueKind.False) return x.ValueKind == y.ValueKind;
        if (x.ValueKind == JsonValueKind.Number && y.ValueKind == JsonValueKind.Number) return x.GetDouble() == y.GetDouble();
        if (x.ValueKind == JsonValueKind.String && y.ValueKind == JsonValueKind.String) return x.GetString() == y.GetString();
        return x.ValueKind == y.ValueKind && x.GetRawText() == y.GetRawText();
    }

    private static (double P, double R, double F) Prf(int tp, int nSys, int nGold)
    {
        double p = nSys > 0 ? (double)tp / nSys : 0, r = nGold > 0 ? (double)tp / nGold : 0;
        double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
        return (p, r, f);
    }
}
