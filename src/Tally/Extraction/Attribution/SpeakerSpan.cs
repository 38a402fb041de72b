using Tally.Extraction.Stages;
using Tally.Gazetteer;
using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction.Attribution;

/// <summary>
/// Where a speaker description starts and ends around a reporting word: walking right from "kata", "menurut",
/// "according to" (<see cref="After"/>), or left from "mengatakan", "said" (<see cref="Before"/>), over titles, bodies,
/// names, unit numbers, bracketed acronyms and appositions, stopping at the words of the sentence's structure.
/// </summary>
internal static class SpeakerSpan
{
    private const int MaxSpeakerTokens = 18;

    /// <summary>Is token <paramref name="t"/> part of a speaker description? Returns the token after it (or -1).</summary>
    private static int SpeakerToken(DocumentContext ctx, int t, int limit)
    {
        var a = ctx.Text;
        if (t >= limit) return -1;
        var tok = a.Tokens[t];
        if (ctx.GeoAt[t] >= 0) { var g = ctx.Geo[ctx.GeoAt[t]]; return g.End <= limit ? g.End : -1; }
        if (a.SpeakerAt(t, out var sh) && sh.Start == t && SpeakerRoles.MayStandInDescription(sh.Entry.SpeakerRole))
            return sh.End <= limit && (sh.Entry.SpeakerRole != SpeakerRole.At || PlaceOfOffice(ctx, sh, limit)) ? sh.End : -1;
        if (UnitNumber(ctx, t, limit)) return t + 1;
        if (TitleStop(ctx, t, limit)) return t + 1;
        if (tok.Kind == TokenKind.Word)
        {
            if (a.Is(t, LexKind.Weekday) || a.Is(t, LexKind.Month) || a.Is(t, LexKind.Reporting)
                || a.Is(t, LexKind.Category) || a.Is(t, LexKind.Time) || a.Is(t, LexKind.Number)
                || a.Is(t, LexKind.Hedge) || a.Is(t, LexKind.Qualifier) || StructureWord(a, t)
                || a.Is(t, LexKind.Modality) || a.Is(t, LexKind.Vague) || a.Is(t, LexKind.Unit)
                || a.Language.IsStopword(tok.Span(a.Text)))
                return -1;
            var span = tok.Span(a.Text);
            if (tok.Is(TokenFlags.Capitalized) || tok.Is(TokenFlags.AllCaps) || SourceDescriber.HasInnerCapital(span)) return t + 1;
            if (Complement(ctx, t)) return t + 1;
            return -1;
        }
        // "(BNPB)", "(OCHA)", "(Kapen Kogabwilhan III)": a short name or acronym in brackets.
        if (a.IsPunct(t, '('))
        {
            int k = t + 1;
            while (k < limit && k - t <= 5 && !a.IsPunct(k, ')') && (a.Tokens[k].Is(TokenFlags.Capitalized) || a.Tokens[k].Is(TokenFlags.AllCaps)
                   || a.Tokens[k].Kind == TokenKind.Number || ctx.GeoAt[k] >= 0)) k++;
            if (k > t + 1 && k < limit && a.IsPunct(k, ')')) return k + 1;
        }
        return -1;
    }

    /// <summary>
    /// A number in the name of a unit ("Kodim 1705 Nabire", "Danrem 173/Praja Vira Braja", "Yonif 751/Raider"): bare
    /// digits after a capitalised word and before a capitalised word or a slash, and the slash after them.
    /// </summary>
    private static bool UnitNumber(DocumentContext ctx, int t, int limit)
    {
        var a = ctx.Text;
        bool Cap(int k) => k >= 0 && k < limit && a.Tokens[k].Kind == TokenKind.Word && (a.Tokens[k].Is(TokenFlags.Capitalized) || a.Tokens[k].Is(TokenFlags.AllCaps));
        bool Digits(int k) => k >= 0 && k < a.Tokens.Length && a.Tokens[k].Kind == TokenKind.Number && !a.Tokens[k].Span(a.Text).ContainsAny('.', ',');
        bool Hugs(int k) => k + 1 < a.Tokens.Length && !a.Tokens[k + 1].Is(TokenFlags.SpaceBefore);
        if (Digits(t))
            return Cap(t - 1) && !a.Is(t - 1, LexKind.Month) && !a.Is(t - 1, LexKind.Weekday)
                && (Cap(t + 1) && !a.Is(t + 1, LexKind.Month) || (a.IsPunct(t + 1, '/') && Hugs(t) && Hugs(t + 1) && Cap(t + 2)));
        return a.IsPunct(t, '/') && Digits(t - 1) && Hugs(t - 1) && Hugs(t) && Cap(t + 1) && Cap(t - 2);
    }

    /// <summary>
    /// A plain lower-case noun after a link and a determiner ("commander of the brigade", "mayor of the town"): the office's
    /// complement. At most two such words.
    /// </summary>
    private static bool Complement(DocumentContext ctx, int t)
    {
        var a = ctx.Text;
        if (!PlainWord(a, t)) return false;
        int k = t - 1;
        if (k >= 0 && PlainWord(a, k)) k--;
        bool determiner = false;
        while (k >= 0 && IsDeterminer(a, k, out var d))
        { determiner = true; k = d.Start - 1; }
        return determiner && k > 0 && IsLink(a, k) && a.SpeakerAt(k - 1, out var head) && SpeakerRoles.IsDescriptive(head.Entry.SpeakerRole);
    }

    private static readonly LexKind[] AllKinds = Enum.GetValues<LexKind>();

    /// <summary>A lower-case word that no lexicon knows.</summary>
    private static bool PlainWord(AnalyzedText a, int t)
    {
        var tok = a.Tokens[t];
        if (tok.Kind != TokenKind.Word || tok.Is(TokenFlags.Capitalized) || tok.Is(TokenFlags.AllCaps)) return false;
        foreach (var k in AllKinds)
            if (k == LexKind.Syntax ? StructureWord(a, t) : a[k].Covers(t, out _)) return false;
        return !a.Language.IsStopword(tok.Span(a.Text));
    }

    /// <summary>The stop of an abbreviated title before a name ("dr. Yosef Wenda", "Dr. Hana Saleh").</summary>
    private static bool TitleStop(DocumentContext ctx, int t, int limit)
    {
        var a = ctx.Text;
        return t > 0 && t + 1 < limit && a.IsPunct(t, '.') && !a.Tokens[t].Is(TokenFlags.SpaceBefore) && a.SpeakerAt(t - 1, out var title)
            && title.Entry.SpeakerRole == SpeakerRole.Title && title.End == t && a.Tokens[t + 1].Kind == TokenKind.Word && a.Tokens[t + 1].Is(TokenFlags.Capitalized);
    }

    /// <summary>A word of the sentence's structure ends a speaker; words that only qualify a place name ("town", "region",
    /// "river") do not ("the mayor of the town").</summary>
    private static bool StructureWord(AnalyzedText a, int t)
    {
        if (!a[LexKind.Syntax].Covers(t, out var h)) return false;
        // Per token: a loop, not LINQ.
        foreach (var e in h.Entries)
            if (e.Syntax is not (SyntaxRole.Town or SyntaxRole.Area or SyntaxRole.Feature)) return true;
        return false;
    }

    /// <summary>The speaker after a frame: "kata Kapolri Listyo", "menurut seorang saksi bernama Ko Zaw Tun".</summary>
    internal static (int Start, int End) After(DocumentContext ctx, int from, int limit)
    {
        var a = ctx.Text;
        int k = from;
        // "dilansir dari BBC", "dirilis oleh BNPB", "according to the UN": skip a linking word.
        if (k < limit && a.SpeakerStartsAt(k, out var l) && l.Entry.SpeakerRole == SpeakerRole.Link) k = l.End;
        int start = k, end = k, taken = 0;
        while (k < limit && taken < MaxSpeakerTokens)
        {
            int next = SpeakerToken(ctx, k, limit);
            if (next < 0)
            {
                // An apposition: "kata Kabid Humas Polda Jawa Timur, Komisaris Besar Polisi Frans Barung Mangera".
                // Not when what follows the comma is the subject of the next verb ("Citing the ministry, Al Jazeera said").
                if (a.IsPunct(k, ',') && end > start && SpeakerToken(ctx, k + 1, limit) is var n2 && n2 > 0 && !a.Is(k + 1, LexKind.Weekday)
                    && (a.Tokens[k + 1].Is(TokenFlags.Capitalized) || (a.SpeakerStartsAt(k + 1, out var ap) && SpeakerRoles.IsDescriptive(ap.Entry.SpeakerRole) && ReachesCapital(ctx, k + 1, limit)))
                    && !SubjectOfVerb(ctx, k + 1, limit))
                { k++; continue; }
                // "Kepala Pusat Data, Informasi dan Humas BNPB", "Director of Planning and Operations": a coordinator
                // between two capitalised words joins the parts of one office's name.
                // With a serial comma too: "Kepala Pusat Data, Informasi, dan Humas BNPB".
                int co = a.IsPunct(k, ',') ? k + 1 : k;
                if (end > start && co + 1 < limit && a.StartsWith(co, SyntaxRole.Coordinator, out var coordinator) && coordinator.End == co + 1
                    && a.Tokens[k - 1].Is(TokenFlags.Capitalized) && a.Tokens[co + 1].Is(TokenFlags.Capitalized) && SpeakerToken(ctx, co + 1, limit) > 0)
                { k = co + 1; continue; }
                break;
            }
            if (!IsLink(a, k)) end = next;
            k = next; taken++;
        }
        // "a commander of the": a determiner and a link do not end a description.
        while (end > start && (IsLink(a, end - 1) || IsDeterminer(a, end - 1, out _)))
            end--;
        return (start, end);
    }

    /// <summary>
    /// A lower-case apposition names someone only if it runs into a name or an organisation (", juru bicara Polda Papua");
    /// ", korban paling banyak ..." is the main clause after "menurut X".
    /// </summary>
    private static bool ReachesCapital(DocumentContext ctx, int t, int limit)
    {
        var a = ctx.Text;
        int k = t;
        for (; k < limit && SpeakerToken(ctx, k, limit) is var next && next > 0; k = next)
            if (a.Tokens[k].Is(TokenFlags.Capitalized) || a.Tokens[k].Is(TokenFlags.AllCaps) || ctx.GeoAt[k] >= 0) return true;
        // Or it closes where the sentence or the apposition does (", the agency's spokesman.").
        return k > t && (k >= limit || a.Tokens[k].Kind == TokenKind.Punct);
    }

    /// <summary>The description starting at <paramref name="t"/> runs into a verb that takes its speaker before it.</summary>
    private static bool SubjectOfVerb(DocumentContext ctx, int t, int limit)
    {
        var a = ctx.Text;
        int k = t;
        for (int commas = 0; ; commas++)
        {
            int from = k;
            while (k < limit && SpeakerToken(ctx, k, limit) is var next && next > 0) k = next;
            if (k == from) return false;
            // "Ketua Polis Daerah Kuala Krai, Superintendan Ahmad Zaki berkata", "Kepala BNPB, Letjen Suharyanto, mengatakan"
            if (commas < 2 && k + 1 < limit && a.IsPunct(k, ',') && SpeakerToken(ctx, k + 1, limit) > 0) { k++; continue; }
            if (k < limit && a.IsPunct(k, ',')) k++;
            break;
        }
        while (k < limit && IsAux(a, k, out var aux)) k = aux.End;
        return k < limit && a[LexKind.Reporting].StartsAt(k, out var r) && r.Entry.SpeakerAt is SpeakerPosition.Before or SpeakerPosition.Either;
    }

    /// <summary>A speaker word of no kind that is also a stopword ("the", "a"): a determiner inside a description.</summary>
    private static bool IsDeterminer(AnalyzedText a, int t, out Hit hit) =>
        a.SpeakerAt(t, out hit) && hit.Entry.SpeakerRole == SpeakerRole.Title && a.Language.IsStopword(a.Span(t));

    /// <summary>An auxiliary or sentence adverb of speakers.tsv (role aux: "earlier", "sebelumnya", "sementara itu") covers the token.</summary>
    private static bool IsAux(AnalyzedText a, int t, out Hit hit) => a.SpeakerAt(t, out hit) && hit.Entry.SpeakerRole == SpeakerRole.Aux;

    internal static bool IsLink(AnalyzedText a, int t) => a.SpeakerAt(t, out var h) && SpeakerRoles.IsConnective(h.Entry.SpeakerRole);

    /// <summary>
    /// The speaker before a frame: the description just left of the verb ("Kapolri Jenderal Listyo Sigit Prabowo
    /// mengatakan"), over auxiliaries and an apposition; else the description that opens the clause.
    /// </summary>
    internal static (int Start, int End) Before(DocumentContext ctx, int verb, Sentence sent, List<Frame> earlier)
    {
        var a = ctx.Text;
        int k = verb - 1;
        while (k >= sent.FirstToken && IsAux(a, k, out var aux)) k = aux.Start - 1;
        if (k >= sent.FirstToken && a.IsPunct(k, ',')) k--;
        // "The Kyiv Independent, citing the General Staff, reported": a frame set off by commas between the subject and
        // its verb is skipped.
        if (k >= sent.FirstToken && FrameAt(earlier, k) is { } inner && Math.Min(inner.Start, inner.SpeakerStart) - 1 is var before
            && before > sent.FirstToken && a.IsPunct(before, ','))
            k = before - 1;
        int end = k + 1, start = end;
        int taken = 0;
        bool listed = false;
        while (k >= sent.FirstToken && taken < MaxSpeakerTokens)
        {
            // Walk left over whole speaker tokens (a gazetteer name or a lexicon phrase may span several tokens).
            int s = StartOfSpeakerToken(ctx, k, verb);
            // "Kepala Pusat Data, Informasi(,) dan Humas BNPB X mengatakan": a coordinator between capitalised parts of
            // one office's name, walking left.
            if (s < 0 && start < end && a.Tokens[start].Is(TokenFlags.Capitalized)
                && ((a.StartsWith(k, SyntaxRole.Coordinator, out var co) && co.End == k + 1) || (listed && a.IsPunct(k, ','))))
            {
                int part = !a.IsPunct(k, ',') && a.IsPunct(k - 1, ',') ? k - 2 : k - 1;
                if (part >= sent.FirstToken && a.Tokens[part].Is(TokenFlags.Capitalized) && StartOfSpeakerToken(ctx, part, verb) >= 0) { listed = true; k = part; continue; }
            }
            if (s < 0)
            {
                // An apposition ("Kepala BNPB, Letjen TNI Suharyanto, mengumumkan"): cross the comma only when what stands
                // before it names an office (an organisation or a word of a known kind), not a place ("... in the Kursk
                // region, Ukrainian President Volodymyr Zelenskyy said").
                // Nor into the speaker of another frame ("Dilansir dari BBC, Kementerian Kesehatan Gaza menyatakan").
                if (a.IsPunct(k, ',') && start < end && k - 1 >= sent.FirstToken && StartOfSpeakerToken(ctx, k - 1, verb) >= 0 && NamesAnOffice(ctx, k - 1, sent.FirstToken, verb)
                    && FrameAt(earlier, k - 1) is null)
                { k--; continue; }
                // A name before its office ("Dr. Hana Saleh, director of the Al-Awda hospital, said").
                if (a.IsPunct(k, ',') && start < end && NamesAnOffice(ctx, end - 1, start, verb) && NameOpensClause(ctx, k - 1, sent.FirstToken, verb) is var ns && ns >= 0
                    && FrameAt(earlier, k - 1) is null)
                    start = ns;
                break;
            }
            start = s; k = s - 1; taken++;
            // A pronoun is the whole subject: "saat gempa mengguncang Lombok ia mengatakan" is "ia".
            if (start == end - 1 && a.SpeakerAt(s, out var pr) && pr.Entry.SpeakerRole == SpeakerRole.Pronoun) break;
        }
        // Nor does a sentence adverb ("Meanwhile", "Sementara itu") open a description.
        while (start < end)
        {
            if (IsAux(a, start, out var ax)) start = ax.End;
            else if (IsLink(a, start)) start++;
            else break;
        }
        if (start < end && HasContent(ctx, start, end)) return (start, end);
        // The description that opens the clause: "Kabid Humas Polda Papua, Kombes Pol Ahmad Musthofa Kamal, saat memberikan keterangan (30/10) mengatakan";
        // after a date-line ("TEMPO.CO, Jakarta - WHO pada Jumat ... mengumumkan").
        int dash = a.DateLineDash(sent.FirstToken, verb);
        var open = After(ctx, dash >= 0 ? dash + 1 : sent.FirstToken, verb);
        // One capitalised word that only opens the sentence ("Earlier reports said", "Both groups said") names no one.
        if (open.Item2 == open.Item1 + 1 && open.Item1 == sent.FirstToken && !a.Tokens[open.Item1].Is(TokenFlags.AllCaps)
            && ctx.GeoAt[open.Item1] < 0 && (!a.SpeakerAt(open.Item1, out _) || IsAux(a, open.Item1, out _))) return (start, end);
        return open.Item2 > open.Item1 && HasContent(ctx, open.Item1, open.Item2) ? open : (start, end);
    }


    /// <summary>"di Gaza", "in Khan Younis" after an office ("sources", "Rumah Sakit Indonesia"), not after a person's name.</summary>
    private static bool PlaceOfOffice(DocumentContext ctx, Hit at, int limit)
    {
        var a = ctx.Text;
        if (at.End >= limit || ctx.GeoAt[at.End] < 0 || at.Start == 0) return false;
        int prev = at.Start - 1;
        return ctx.GeoAt[prev] >= 0 || (a.SpeakerAt(prev, out var h) && SpeakerRoles.IsDescriptive(h.Entry.SpeakerRole));
    }

    /// <summary>
    /// A person's name, with its titles, that opens the sentence and ends at token <paramref name="last"/>: the token
    /// it starts at, or -1.
    /// </summary>
    private static int NameOpensClause(DocumentContext ctx, int last, int first, int limit)
    {
        var a = ctx.Text;
        int k = last, start = -1, name = 0;
        while (k >= first)
        {
            // "Dr.": the stop of a title.
            if (a.IsPunct(k, '.') && k - 1 >= first && a.SpeakerAt(k - 1, out var title) && title.Entry.SpeakerRole == SpeakerRole.Title && a.Tokens[k - 1].Is(TokenFlags.Capitalized))
            { start = title.Start; k = title.Start - 1; continue; }
            if (SourceDescriber.IsNamePart(ctx, k, limit) && !a.Language.IsStopword(a.Tokens[k].Span(a.Text))) { name++; start = k; k--; continue; }
            if (a.SpeakerAt(k, out var t) && t.Entry.SpeakerRole == SpeakerRole.Title && a.Tokens[t.Start].Is(TokenFlags.Capitalized)) { start = t.Start; k = t.Start - 1; continue; }
            break;
        }
        bool opens = k < first || (a.Tokens[k].Kind == TokenKind.Punct && a.Text[a.Tokens[k].Start] is '"' or '“' or '\'' or '‘' or '(' or '—' or '–');
        // Two words at least: a capitalised word alone that opens a sentence is as often an adverb ("Adapun, NIS ...").
        return name >= 2 && opens ? start : -1;
    }

    /// <summary>The frame whose verb or speaker covers token <paramref name="t"/>.</summary>
    private static Frame? FrameAt(List<Frame> frames, int t)
    {
        for (int i = frames.Count - 1; i >= 0; i--)
        {
            var f = frames[i];
            if ((t >= f.SpeakerStart && t < f.SpeakerEnd) || (t >= f.Start && t < f.End)) return f;
            // Frames run in the order of their verbs, and a speaker lies within a few dozen tokens of its verb: one that
            // far before cannot cover the token, nor can any earlier one.
            if (f.End + 3 * MaxSpeakerTokens < t) break;
        }
        return null;
    }

    private static bool NamesAnOffice(DocumentContext ctx, int last, int floor, int limit)
    {
        var a = ctx.Text;
        for (int k = last; k >= floor; )
        {
            int s = StartOfSpeakerToken(ctx, k, limit);
            if (s < 0) break;
            if (ctx.GeoAt[s] >= 0 && ctx.Geo[ctx.GeoAt[s]].Has(GeoKind.Organization)) return true;
            // "a spokeswoman for the agency": an anaphor that carries its noun names a body too ("itu" alone does not).
            if (a.SpeakerAt(s, out var h) && SpeakerRoles.NamesBody(h.Entry.SpeakerRole)
                && (h.Entry.SpeakerRole != SpeakerRole.Anaphor || h.End - h.Start > 1)) return true;
            k = s - 1;
        }
        return false;
    }

    private static int StartOfSpeakerToken(DocumentContext ctx, int k, int limit)
    {
        var a = ctx.Text;
        if (ctx.GeoAt[k] >= 0) return ctx.Geo[ctx.GeoAt[k]].Start;
        if (a.SpeakerAt(k, out var sh) && SpeakerRoles.MayStandInDescription(sh.Entry.SpeakerRole))
            return sh.Entry.SpeakerRole != SpeakerRole.At || PlaceOfOffice(ctx, sh, limit) ? sh.Start : -1;
        if (TitleStop(ctx, k, limit)) return k;
        if (a.IsPunct(k, ')'))
        {
            int open = k - 1;
            while (open >= 0 && k - open <= 6 && !a.IsPunct(open, '(')) open--;
            if (open >= 0 && a.IsPunct(open, '(') && SpeakerToken(ctx, open, limit) == k + 1) return open;
        }
        return SpeakerToken(ctx, k, limit) > 0 ? k : -1;
    }

    /// <summary>A description names someone: a capitalised word, an organisation, or a word of a known kind ("officials", "saksi").</summary>
    internal static bool HasContent(DocumentContext ctx, int start, int end)
    {
        var a = ctx.Text;
        for (int t = start; t < end; t++)
        {
            if (a.Tokens[t].Is(TokenFlags.Capitalized) || a.Tokens[t].Is(TokenFlags.AllCaps)) return true;
            if (a.SpeakerAt(t, out var h) && SpeakerRoles.GivesContent(h.Entry.SpeakerRole)) return true;
        }
        return false;
    }
}
