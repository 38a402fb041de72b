using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction.Stages;

/// <summary>
/// Gives each people figure its category from the cue words around it:
/// first a cue after the figure and its noun ("7 warga sipil tewas"), else the nearest cue before it
/// ("menewaskan 7 warga sipil", "korban meninggal ... sebanyak 125 orang"). Each figure looks only as far as the
/// next figure, so "X tewas dan Y luka-luka" gives two claims. A figure with no cue of its own takes the category
/// of a figure it is listed with ("160 orang mengungsi ... dan 20 orang di Koramil"), or of the figure it breaks down
/// in the sentence before. Generic cues ("korban") take the category of the claim just before them.
/// Plans, possibilities and conditionals are not claims.
/// </summary>
public static class CategoryStage
{
    private const int RightWindow = 20;
    private const int LeftWindow = 16;
    private const int SiblingGap = 14;
    private const int WeakLookbackSentences = 3;

    public static void Run(DocumentContext ctx, List<Candidate> candidates)
    {
        var a = ctx.Text;
        var live = candidates.Where(c => c.IsLive).ToList();
        var consumed = new HashSet<int>();

        for (int i = 0; i < live.Count; i++)
        {
            var c = live[i];
            var m = c.Mention;
            var sent = a.Sentences[m.Sentence];
            if (m.ZeroCategory is { } zc) { c.Category = zc; c.CueStrength = CueStrength.Strong; continue; }

            int nextStart = i + 1 < live.Count && live[i + 1].Sentence == m.Sentence ? live[i + 1].Mention.Start : sent.EndToken;
            int prevEnd = i > 0 && live[i - 1].Sentence == m.Sentence ? live[i - 1].Mention.End : sent.FirstToken;

            int partyEnd = Math.Max(c.PartyEnd, m.End);
            int rightTo = Math.Min(nextStart, Math.Min(sent.EndToken, partyEnd + RightWindow));
            rightTo = StopAt(a, partyEnd, rightTo, stopAtClause: true);

            Hit? right = RightCue(a, m.End, partyEnd, rightTo, c.NounStart, c.NounEnd, i + 1 < live.Count && live[i + 1].Sentence == m.Sentence ? live[i + 1].Mention.Start : -1);
            Hit? left = null;
            bool rightIsNoun = right is { } rn && c.NounStart >= 0 && rn.Start < c.NounEnd && rn.End > c.NounStart;
            if (right is null || right.Value.Entry.Strength == CueStrength.Weak || rightIsNoun)
            {
                // A predicate ("... sebanyak 125 orang") links the figure to a subject that may stand far before it.
                // "... yakni di Kantor PMI (132 jiwa), Masjid As Sholihin (63 jiwa)": a count in brackets after a name is an item
                // of a list whose cue may stand far before, as a predicate's subject may.
                bool linked = PredicateBefore(a, m.Start) || Bracketed(a, m.Start, partyEnd);
                int window = linked ? m.Start - sent.FirstToken : LeftWindow;
                int leftFrom = Math.Max(prevEnd, Math.Max(sent.FirstToken, m.Start - window));
                leftFrom = ClauseStart(a, leftFrom, m.Start);
                var hits = a[LexKind.Category].Within(leftFrom, m.Start);
                for (int k = hits.Length - 1; k >= 0; k--)
                {
                    var h = hits[k];
                    if (h.Entry.Direction == CueDirection.Post || consumed.Contains(h.Start)) continue;
                    left = h;
                    // "jenazah korban", "mayat mangsa": a generic word right after a strong cue is that cue's noun.
                    if (h.Entry.Strength == CueStrength.Weak && k > 0 && hits[k - 1].End == h.Start && hits[k - 1].Entry.Strength == CueStrength.Strong
                        && hits[k - 1].Entry.Direction != CueDirection.Post && !consumed.Contains(hits[k - 1].Start)) left = hits[k - 1];
                    // "Korban meninggal di daerah yang terdampak gempa sebanyak 159 orang": the subject's cue, not one in a
                    // relative clause inside the subject, is what the predicate links the figure to.
                    if (linked)
                        for (int j = 0; j < k; j++)
                            if (hits[j].Entry.Strength == CueStrength.Strong && hits[j].Entry.Direction != CueDirection.Post
                                && !consumed.Contains(hits[j].Start) && RelativeBetween(a, hits[j].End, h.Start, onOtherNoun: true)) { left = hits[j]; break; }
                    break;
                }
            }
            // A strong cue wins over a generic one ("mengevakuasi 22 korban": the cue, not "korban").
            Hit? chosen;
            bool after;
            // "membebaskan 12 pekerja yang diculik": a verb right before the figure outranks a cue in a relative clause after it.
            bool rightInRelative = right is { } rr && RelativeBetween(a, partyEnd, rr.Start);
            if (rightInRelative && left is null)
            {
                int leftFrom2 = Math.Max(prevEnd, Math.Max(sent.FirstToken, m.Start - 3));
                var near = a[LexKind.Category].Within(leftFrom2, m.Start);
                for (int k = near.Length - 1; k >= 0; k--)
                    if (near[k].Entry.Direction != CueDirection.Post && near[k].Entry.Strength == CueStrength.Strong && !consumed.Contains(near[k].Start)) { left = near[k]; break; }
            }
            // "released 16 hostages": the verb says what happened; the noun only names who.
            if (right is { } r && (left is null || left.Value.Entry.Strength == CueStrength.Weak
                || (r.Entry.Strength != CueStrength.Weak && !rightIsNoun && !(rightInRelative && left.Value.End >= m.Start - 3)))) { chosen = r; after = true; }
            else { chosen = left; after = false; }

            if (chosen is not { } cue) continue;
            c.CueStart = cue.Start;
            c.CueEnd = cue.End;
            c.CueAfter = after;
            c.CueStrength = cue.Entry.Strength;
            if (after) consumed.Add(cue.Start);
            if (cue.Entry.Strength == CueStrength.None)
            {
                c.Dropped = $"not affected: {a.Slice(cue.Start, cue.End)} ({cue.Entry.Origin})";
                continue;
            }
            // A weak cue with no category of its own ("jumlahnya", "the figure") only refers back.
            c.Category = cue.Entry.Category;
            // "tewas atau hilang", "were killed or went missing", "menewaskan dan melukai": a harm predicate coordinated with a
            // harm predicate of another category makes one combined figure, wherever the pair stands.
            if (cue.Entry.Strength == CueStrength.Strong && IsHarm(c.Category)
                && (after ? CoordinatedHarm(a, cue, partyEnd, nextStart) : CoordinatedHarm(a, cue, prevEnd, m.Start)))
                c.Category = Category.Casualties;
        }

        // Listed figures share the category of their neighbour.
        for (int i = 0; i < live.Count; i++)
        {
            var c = live[i];
            if (!c.IsLive || c.Category is not null) continue;
            // "Dari 40 penumpang kapal, 12 orang hilang": the whole a part is taken from takes no category from the part.
            if (a.PrecededBy(c.Mention.Start, SyntaxRole.Origin, out var whole)
                && (whole.Start == a.Sentences[c.Sentence].FirstToken || (whole.Start == a.Sentences[c.Sentence].FirstToken + 1 && a.Tokens[whole.Start - 1].Kind == TokenKind.Punct))) continue;
            var sib = Sibling(a, live, i);
            // "... killed since the war began, including 300 children": a breakdown takes the category of the figure it
            // breaks down, across the clause between them.
            if (sib is null && a.PrecededBy(c.Mention.Start, SyntaxRole.Including))
                sib = live.Take(i).LastOrDefault(p => p.IsLive && p.Category is not null && p.Sentence == c.Sentence);
            if (sib is not null)
            {
                c.Category = sib.Category;
                c.CueStrength = sib.CueStrength;
                c.CueStart = sib.CueStart; c.CueEnd = sib.CueEnd; c.CueAfter = sib.CueAfter;
            }
        }

        // "setidaknya dua prajurit TNI dan seorang warga sipil tewas": a bound scopes over the figures listed with it.
        for (int i = 1; i < live.Count; i++)
        {
            var c = live[i]; var p = live[i - 1];
            if (!c.IsLive || !p.IsLive || c.Sentence != p.Sentence || c.CueStart < 0 || c.CueStart != p.CueStart) continue;
            var pm = p.Mention; var cm = c.Mention;
            if (pm.Vague || cm.Vague || pm.Low is null || pm.High is not null || cm.Start != cm.NumberStart || cm.Low != cm.High) continue;
            if (Breaks(a, Math.Max(pm.End, p.PartyEnd), cm.Start) || cm.Start - Math.Max(pm.End, p.PartyEnd) > 2) continue;
            cm.High = null;
        }

        // A breakdown of the figure in the sentence before ("korban hilang ada 39. Sebanyak 32 warga Cijedil ..."), or a
        // list that a breakdown word opens ("Adapun rinciannya: Sumut enam orang, Jambi tiga orang") a few sentences
        // after the figure it breaks down, and the sentences that continue that list ("Lalu, Banten empat orang, ...").
        var listParent = new Dictionary<int, Candidate>();
        for (int i = 0; i < live.Count; i++)
        {
            var c = live[i];
            if (!c.IsLive || c.Category is not null || !c.HasNoun || c.Low is null) continue;
            var parent = live.Take(i).LastOrDefault(p => p.IsLive && p.Category is not null && p.Sentence == c.Sentence - 1
                && a.Sentences[p.Sentence].Paragraph == a.Sentences[c.Sentence].Paragraph);
            if (parent is null || parent.CueStrength != CueStrength.Strong || !(c.Low < parent.Low))
                parent = ListParent(a, live, i, listParent);
            if (parent is not null && parent.Low is { } pl && c.Low < pl && parent.CueStrength == CueStrength.Strong)
            {
                c.Category = parent.Category;
                c.CueStrength = CueStrength.Strong;
            }
        }

        // Generic cues ("korban", "victims") follow the claim just before them.
        for (int i = 0; i < live.Count; i++)
        {
            var c = live[i];
            if (!c.IsLive || c.CueStrength != CueStrength.Weak || c.CueStart < 0) continue;
            var before = live.Take(i).LastOrDefault(p => p.IsLive && p.Category is not null && p.CueStrength == CueStrength.Strong
                && c.Sentence - p.Sentence <= WeakLookbackSentences && !p.InTitle);
            if (before is not null) c.Category = before.Category;
        }

        foreach (var c in live)
        {
            if (!c.IsLive) continue;
            if (c.Category is null) { c.Dropped = "no category"; continue; }
            if (Modal(ctx, c) is { } why) c.Dropped = why;
        }
    }

    private static int StopAt(AnalyzedText a, int from, int to, bool stopAtClause)
    {
        foreach (var h in a[LexKind.Reporting].Within(from, to))
        {
            // "were reported killed", "are said to have been arrested": a hedge, not a speaker's verb.
            if (a.Is(h.Start, LexKind.Hedge)) continue;
            if (h.Entry.Frame is ReportingFrame.Say or ReportingFrame.According or ReportingFrame.Via or ReportingFrame.Cite) { to = h.Start; break; }
        }
        if (stopAtClause)
            foreach (var h in a[LexKind.Syntax].Within(from, to))
                if (h.HasSyntax(SyntaxRole.Clause)) { to = h.Start; break; }
        for (int t = from; t < to; t++)
            if (a.IsPunct(t, ';')) return t;
        return to;
    }

    /// <summary>
    /// The first cue after the figure that can describe it. A cue in a relative clause ("yang dikirim ke Rusia") gives way
    /// to the predicate after it; a generic cue, or the people noun itself ("12 hostages were released"), gives way to a
    /// strong cue after it; a verb that opens the next figure ("killed seven civilians and wounded 12 others") is left to it.
    /// </summary>
    private static Hit? RightCue(AnalyzedText a, int from, int partyEnd, int to, int nounStart, int nounEnd, int nextFigure)
    {
        Hit? first = null;
        foreach (var h in a[LexKind.Category].Within(from, to))
        {
            if (h.Entry.Direction == CueDirection.Pre) continue;
            if (nextFigure >= 0 && h.Entry.Direction == CueDirection.Both && OpensNext(a, h, nextFigure)) continue;
            bool isNoun = nounStart >= 0 && h.Start < nounEnd && h.End > nounStart;
            if (first is null)
            {
                first = h;
                if (RelativeBetween(a, partyEnd, h.Start) || h.Entry.Strength == CueStrength.Weak || isNoun) continue;
                return h;
            }
            if (h.Entry.Strength != CueStrength.Weak && !isNoun) return h;
        }
        return first;
    }

    /// <summary>The cue stands right before the next figure, after a conjunction: it is that figure's verb.</summary>
    private static bool OpensNext(AnalyzedText a, Hit cue, int nextFigure)
    {
        if (nextFigure - cue.End > 2) return false;
        for (int t = cue.End; t < nextFigure; t++)
            if (!a.Is(t, LexKind.Qualifier) && !a.Is(t, LexKind.Syntax)) return false;
        int before = cue.Start - 1;
        return before >= 0 && (a.IsPunct(before, ',') || (a[LexKind.Qualifier].Covers(before, out var q) && q.Entries.Any(e => e.Qualifier == QualifierKind.And)));
    }

    private static bool PredicateBefore(AnalyzedText a, int start)
    {
        int t = start;
        while (t > 0 && a[LexKind.Qualifier].EndsAt(t, out var q)) t = q.Start;
        return a.PrecededBy(t, SyntaxRole.Predicate);
    }

    /// <summary>The figure and its noun stand alone in brackets right after a word: "RS Bhayangkara (12 orang)".</summary>
    private static bool Bracketed(AnalyzedText a, int start, int end) =>
        start > 1 && a.IsPunct(start - 1, '(') && a.Tokens[start - 2].Kind == TokenKind.Word && end < a.Tokens.Length && a.IsPunct(end, ')');

    /// <summary>The start of the clause that holds token <paramref name="to"/>, no earlier than <paramref name="from"/>.</summary>
    private static int ClauseStart(AnalyzedText a, int from, int to)
    {
        int start = from;
        foreach (var h in a[LexKind.Syntax].Within(from, to))
            if (h.HasSyntax(SyntaxRole.Clause)) start = h.End;
        return start;
    }

    /// <summary>How many sentences after the figure it breaks down a list may begin ("37 ditangkap ... Adapun rinciannya: ...").</summary>
    private const int BreakdownReach = 3;

    /// <summary>
    /// The figure that the list a candidate stands in breaks down: the sentence opens with a breakdown word (syntax.tsv's
    /// "breakdown": "adapun rinciannya", "the breakdown") and an earlier figure with a strong cue of its own stands at most
    /// <see cref="BreakdownReach"/> sentences before, or the sentence opens with a continuation word ("continuation":
    /// "lalu", "selanjutnya") right after a sentence of such a list. Lists found are remembered by sentence.
    /// </summary>
    private static Candidate? ListParent(AnalyzedText a, List<Candidate> live, int i, Dictionary<int, Candidate> lists)
    {
        int s = live[i].Sentence;
        if (lists.TryGetValue(s, out var known)) return known;
        int first = a.Sentences[s].FirstToken;
        while (first < a.Sentences[s].EndToken && a.Tokens[first].Kind == TokenKind.Punct) first++;
        Candidate? parent = null;
        if (a.StartsWith(first, SyntaxRole.Breakdown))
        {
            for (int k = i - 1; k >= 0; k--)
            {
                var p = live[k];
                if (p.Sentence == s) continue;
                if (s - p.Sentence > BreakdownReach) break;
                if (p.IsLive && p.Category is not null && p.CueStart >= 0 && p.CueStrength == CueStrength.Strong && !p.InTitle) { parent = p; break; }
            }
        }
        else if (a.StartsWith(first, SyntaxRole.Continuation) && lists.TryGetValue(s - 1, out var before)) parent = before;
        if (parent is not null) lists[s] = parent;
        return parent;
    }

    /// <summary>The categories of harm a combined figure joins (the spec's "killed, wounded, missing or captured").</summary>
    private static bool IsHarm(Category? c) => c is Category.Killed or Category.Injured or Category.Missing or Category.Captured;

    /// <summary>Words allowed between a coordinator and the second predicate ("or <i>went</i> missing", "atau <i>masih</i> hilang").</summary>
    private const int CoordinatedGap = 2;

    /// <summary>
    /// Is <paramref name="cue"/> coordinated ("dan", "atau", "or", syntax.tsv's coordinators) with a cue of another harm
    /// category, within tokens [<paramref name="from"/>, <paramref name="to"/>) (the figure's own stretch of text, so
    /// "7 tewas dan 20 luka" stays two figures)?
    /// </summary>
    private static bool CoordinatedHarm(AnalyzedText a, Hit cue, int from, int to)
    {
        var cat = cue.Entry.Category;
        if (a.StartsWith(cue.End, SyntaxRole.Coordinator, out var next))
            for (int t = next.End; t < to && t <= next.End + CoordinatedGap; t++)
                if (a[LexKind.Category].StartsAt(t, out var other) && other.End <= to && OtherHarm(other, cat)) return true;
        if (a.PrecededBy(cue.Start, SyntaxRole.Coordinator, out var prev))
            for (int t = prev.Start; t > from && t >= prev.Start - CoordinatedGap; t--)
                if (a[LexKind.Category].EndsAt(t, out var other) && other.Start >= from && OtherHarm(other, cat)) return true;
        return false;
    }

    private static bool OtherHarm(Hit h, Category? than)
    {
        foreach (var e in h.Entries)
            if (e.Strength == CueStrength.Strong && IsHarm(e.Category) && e.Category != than) return true;
        return false;
    }

    /// <summary>
    /// A relative clause opens between the tokens. With <paramref name="onOtherNoun"/>, only one on a noun that is neither
    /// a people noun nor a cue ("daerah yang terdampak": it describes the place; "sandera yang dibebaskan", "pengungsi yang
    /// kembali" describe the people).
    /// </summary>
    private static bool RelativeBetween(AnalyzedText a, int from, int to, bool onOtherNoun = false)
    {
        foreach (var h in a[LexKind.Syntax].Within(from, to))
            if (h.HasSyntax(SyntaxRole.Relative) && (!onOtherNoun || (h.Start > 0 && a.Tokens[h.Start - 1].Kind == TokenKind.Word
                && !a.Is(h.Start - 1, LexKind.People) && !a.Is(h.Start - 1, LexKind.Category)))) return true;
        return false;
    }

    private static Candidate? Sibling(AnalyzedText a, List<Candidate> live, int i)
    {
        var c = live[i];
        Candidate? best = null;
        int bestGap = int.MaxValue;
        foreach (int k in new[] { i - 1, i + 1 })
        {
            if (k < 0 || k >= live.Count) continue;
            var s = live[k];
            if (!s.IsLive || s.Category is null || s.Sentence != c.Sentence || s.Mention.ZeroCategory is not null) continue;
            int from = k < i ? Math.Max(s.Mention.End, s.PartyEnd) : Math.Max(c.Mention.End, c.PartyEnd);
            int to = k < i ? c.Mention.Start : s.Mention.Start;
            if (to - from > SiblingGap || Breaks(a, from, to)) continue;
            if (to - from < bestGap) { best = s; bestGap = to - from; }
        }
        return best;
    }

    private static bool Breaks(AnalyzedText a, int from, int to)
    {
        foreach (var h in a[LexKind.Syntax].Within(from, to))
            if (h.Entries.Any(e => e.Syntax is SyntaxRole.Breaker or SyntaxRole.Relative or SyntaxRole.Clause)) return true;
        foreach (var _ in a[LexKind.Reporting].Within(from, to)) return true;
        return false;
    }

    /// <summary>Why the figure is a plan, a possibility, a condition, a generic fact or a question; null if it is none.</summary>
    private static string? Modal(DocumentContext ctx, Candidate c)
    {
        var a = ctx.Text;
        var m = c.Mention;
        var sent = a.Sentences[m.Sentence];
        if (a.IsPunct(sent.EndToken - 1, '?') || (sent.EndToken >= 2 && a.IsPunct(sent.EndToken - 2, '?'))) return "question";
        int from, to;
        if (c.CueStart < 0) { from = to = m.Start; }
        else if (c.CueAfter) { from = m.End; to = c.CueStart; }
        else { from = Math.Max(sent.FirstToken, c.CueStart - 2); to = m.Start; }
        // "In May, 30 people were killed": a capitalised month name is not the modal verb it is spelt like.
        bool IsMonth(Hit h) => a.Is(h.Start, LexKind.Month) && char.IsUpper(a.Text[a.Tokens[h.Start].Start]);
        foreach (var h in a[LexKind.Modality].Within(from, to))
        {
            if (IsMonth(h)) continue;
            // "may have been killed" is an estimate (a hedge), not a plan.
            if (a.Is(h.Start, LexKind.Hedge)) continue;
            if (h.Entry.Modality is ModalityKind.Future or ModalityKind.Possibility) return $"modal: {a.Slice(h.Start, h.End)} ({h.Entry.Origin})";
        }
        // "would see 1,000 prisoners released", "agreed to release 33 hostages": a plan word just before the figure.
        foreach (var h in a[LexKind.Modality].Within(Math.Max(sent.FirstToken, m.Start - 3), m.Start))
        {
            if (IsMonth(h) || a.Is(h.Start, LexKind.Hedge)) continue;
            if (h.Entry.Modality is ModalityKind.Future or ModalityKind.Possibility && (c.CueAfter || c.CueStart < 0 || c.CueEnd <= h.Start || h.End <= c.CueStart))
                return $"modal: {a.Slice(h.Start, h.End)} ({h.Entry.Origin})";
        }
        foreach (var h in a[LexKind.Modality].Within(sent.FirstToken, m.Start))
            if (h.Entry.Modality is ModalityKind.Conditional && !IsMonth(h)) return $"conditional: {a.Slice(h.Start, h.End)} ({h.Entry.Origin})";
        foreach (var h in a[LexKind.Modality].Within(sent.FirstToken, sent.EndToken))
            if (h.Entry.Modality is ModalityKind.Generic && !IsMonth(h)) return $"generic: {a.Slice(h.Start, h.End)} ({h.Entry.Origin})";
        return null;
    }
}
