using Tally.Model;

namespace Tally.Extraction.Stages;

/// <summary>
/// One claim per distinct statement in a document. Mentions of the same figure (same category and count,
/// compatible party, source, place and time) become one claim; so do restatements that say less than a precise
/// figure of the same category and party: a vague magnitude over it ("ratusan" over "600", "hundreds" over
/// "more than 300"), a bound that is the figure itself or the figure rounded down ("at least 125" beside "125",
/// "more than 40,000" beside "40,005"), and a combined figure equal to a killed or injured one.
/// </summary>
public static class DedupStage
{
    public static void Run(DocumentContext ctx, List<Candidate> candidates)
    {
        var live = candidates.Where(c => c.IsLive).ToList();

        // Same figure, same statement. Only mentions of one (category, count) are ever compared, so each key's
        // mentions are taken apart, in document order: a mention joins the first earlier one still standing that it is
        // compatible with (which is what comparing every pair in order gives, as absorbing only changes the one that absorbs).
        var heads = new Dictionary<(Category?, long?, long?), List<Candidate>>();
        foreach (var q in live)
        {
            var key = (q.Category, q.Low, q.High);
            if (!heads.TryGetValue(key, out var list)) heads[key] = list = [];
            Candidate? into = null;
            foreach (var p in list)
                if (Compatible(p, q)) { into = p; break; }
            if (into is null) list.Add(q);
            else Absorb(into, q, "same figure");
        }

        // Restatements that say less: each looks up only the figures it may restate (by category and value).
        var index = new Targets(live);
        var found = new List<int>();
        for (int ri = 0; ri < live.Count; ri++)
        {
            var r = live[ri];
            if (!r.IsLive) continue;
            found.Clear();
            index.Find(r, found);
            if (found.Count == 0) continue;
            found.Sort();
            // The figure it restates: a precise one first, then the first written.
            Candidate? into = null;
            int last = -1;
            foreach (int pi in found)
            {
                if (pi == last) continue;
                last = pi;
                var p = live[pi];
                if (!p.IsLive || p == r || !Restates(r, p) || !Compatible(p, r)) continue;
                if (into is null || Better(p, into)) into = p;
            }
            if (into is null) continue;
            Absorb(into, r, "restates " + into.Mention);
        }
    }

    /// <summary>
    /// The figures a mention may restate (<see cref="Restates"/> decides): per category, the figures that are not vague,
    /// sorted by value (the low end, else the high), so that a restatement reads only the range of values it could
    /// restate. A superset is found; the caller checks each.
    /// </summary>
    private sealed class Targets
    {
        private readonly Dictionary<Category, (long Value, int Index)[]> _byCategory = [];

        public Targets(List<Candidate> live)
        {
            var lists = new Dictionary<Category, List<(long, int)>>();
            for (int i = 0; i < live.Count; i++)
            {
                var c = live[i];
                if (c.Category is not { } cat || c.Mention.Vague || (c.Mention.Low ?? c.Mention.High) is not { } v) continue;
                if (!lists.TryGetValue(cat, out var l)) lists[cat] = l = [];
                l.Add((v, i));
            }
            foreach (var (cat, l) in lists)
            {
                var arr = l.ToArray();
                Array.Sort(arr);
                _byCategory[cat] = arr;
            }
        }

        public void Find(Candidate r, List<int> into)
        {
            if (r.Category is not { } cat) return;
            var rm = r.Mention;
            if (rm.Vague)
            {
                // "ratusan" over 100..999, or over a figure inside its own range.
                Range(cat, rm.RestatesFrom, rm.RestatesFrom > long.MaxValue / 10 ? long.MaxValue : rm.RestatesFrom * 10 - 1, into);
                if (rm.Low is { } lo && rm.High is { } hi) Range(cat, lo, hi, into);
                return;
            }
            // A bound beside a precise figure: the same number, or that number rounded down.
            if (rm.Low is { } l && rm.High is null) Range(cat, l, l > long.MaxValue - CountRelations.Magnitude(l) ? long.MaxValue : l + CountRelations.Magnitude(l) - 1, into);
            else if (rm.High is { } h && rm.Low is null) Range(cat, h, h, into);
            // A combined figure beside a killed or injured one of the same count.
            if (cat == Category.Casualties && (rm.Low ?? rm.High) is { } v)
            {
                Range(Category.Killed, v, v, into);
                Range(Category.Injured, v, v, into);
            }
        }

        private void Range(Category cat, long from, long to, List<int> into)
        {
            if (from > to || !_byCategory.TryGetValue(cat, out var arr)) return;
            int i = LowerBound(arr, from);
            for (; i < arr.Length && arr[i].Value <= to; i++) into.Add(arr[i].Index);
        }

        private static int LowerBound((long Value, int Index)[] arr, long value)
        {
            int lo = 0, hi = arr.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (arr[mid].Value < value) lo = mid + 1; else hi = mid;
            }
            return lo;
        }
    }

    private static bool Better(Candidate p, Candidate than)
    {
        bool a = CountRelations.IsPrecise(p.Mention.Low, p.Mention.High), b = CountRelations.IsPrecise(than.Mention.Low, than.Mention.High);
        return a != b ? a : p.Mention.Start < than.Mention.Start;
    }

    /// <summary>True when <paramref name="r"/> says less than <paramref name="p"/> about the same people.</summary>
    private static bool Restates(Candidate r, Candidate p)
    {
        var rm = r.Mention; var pm = p.Mention;
        if (pm.Vague) return false;
        if (r.Category == p.Category)
        {
            if (rm.Vague)
            {
                long? pv = pm.Low ?? pm.High;
                if (pv is not { } v) return false;
                return (v >= rm.RestatesFrom && v < rm.RestatesFrom * 10) || (v >= rm.Low && v <= rm.High);
            }
            // A bound beside a precise figure: the same number, or that number rounded down.
            return pm.Low is { } pl && pm.High == pl && CountRelations.BoundRestates(rm.Low, rm.High, pl);
        }
        // "2 prajurit ditembak" beside "2 prajurit gugur": the combined figure restates the specific one.
        if (r.Category == Category.Casualties && p.Category is Category.Killed or Category.Injured)
            return rm.Low == pm.Low && rm.High == pm.High && !rm.Vague;
        return false;
    }

    internal static bool Compatible(Candidate p, Candidate q)
    {
        if (p.WhoCountry is not null && q.WhoCountry is not null && p.WhoCountry != q.WhoCountry) return false;
        if (p.Role != q.Role && p.Role != Role.Unspecified && q.Role != Role.Unspecified && !p.RoleFromContext && !q.RoleFromContext) return false;
        if (p.Source is not null && q.Source is not null && !SourceIdentity.Same(p.Source, q.Source)) return false;
        // Periods keep figures apart only when both sentences state them; a period borrowed from the paragraph is context.
        if (p.When is not null && q.When is not null && p.WhenInSentence && q.WhenInSentence
            && (p.When.End < q.When.Start || q.When.End < p.When.Start)) return false;
        // Items of one list ("Banten empat orang, Maluku satu orang, Kalbar satu orang"): the same figure at two places
        // its sentence names is two figures.
        if (p.Sentence == q.Sentence && p.WhereInSentence && q.WhereInSentence && p.Where is { } pw && q.Where is { } qw
            && !string.Equals(pw.Text, qw.Text, StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    private static void Absorb(Candidate into, Candidate other, string why)
    {
        other.Dropped = "merged: " + why;
        into.Merged.Add(other);
        into.Merged.AddRange(other.Merged);
        if (other.Source is not null && into.Source is null) { into.Source = other.Source; into.SourceSentence = other.SourceSentence; into.Via ??= other.Via; }
        if (into.Where is null && other.Where is not null) into.Where = other.Where;
        // The most precise period any mention gives ("17-20 September" over "September").
        // An event's date outranks the date a figure was given.
        if (other.When is { } ow && other.Low == into.Low && other.High == into.High
            && (into.When is null
                || (into.WhenIsStatement && !other.WhenIsStatement)
                || (into.WhenIsStatement == other.WhenIsStatement && ow.Start >= into.When.Start && ow.End <= into.When.End
                    && ow.End.DayNumber - ow.Start.DayNumber < into.When.End.DayNumber - into.When.Start.DayNumber)))
        {
            into.When = ow;
            into.WhenIsStatement = other.WhenIsStatement;
            into.WhenInSentence = other.WhenInSentence;
        }
        if (into.WhoCountry is null) into.WhoCountry = other.WhoCountry;
        if (into.Role == Role.Unspecified && other.Role != Role.Unspecified) { into.Role = other.Role; into.RoleFromContext = other.RoleFromContext; }
        if (into.WhoText is null) into.WhoText = other.WhoText;
    }
}
