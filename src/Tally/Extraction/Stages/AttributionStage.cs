using Tally.Gazetteer;
using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction.Stages;

/// <summary>A reporting frame found in the text: the verb (or "menurut", "dilansir dari") and whoever it names.</summary>
public sealed record Frame(int Start, int End, ReportingFrame Kind, int Sentence, int Paragraph, int SpeakerStart, int SpeakerEnd, Source Source)
{
    /// <summary>The frame stands in a subordinate clause ("usai Korut mengakui ..."): it speaks for its own sentence only.</summary>
    public bool Subordinate { get; init; }
    /// <summary>Its sentence speaks of figures ("mengumumkan jumlah korban"), so it may introduce the paragraph after it.</summary>
    public bool AboutFigures { get; init; }
}

/// <summary>
/// Who said it. Reporting frames ("X mengatakan", "kata X", "menurut X", "X said", "according to X", "citing X") give
/// a speaker phrase, read as written; pronouns ("dia", "ujarnya", "he") and anaphors ("kementerian itu",
/// "the ministry") point back to an earlier speaker. A figure takes the frame of its own sentence; else the frame
/// that closes the quotation it stands in; else a frame in the next sentence that only says who spoke ("ucapnya");
/// else the last speaker earlier in its paragraph; else a speaker who announced figures in the paragraph before.
/// A medium the outlet cites ("dilansir dari BBC") is the claim's <c>via</c>, or its source when nobody else is named.
/// </summary>
public static class AttributionStage
{
    private const int MaxSpeakerTokens = 18;
    private const int PronounLookbackParagraphs = 3;

    public static void Run(DocumentContext ctx, List<Candidate> candidates)
    {
        var a = ctx.Text;
        var frames = ctx.Frames;
        if (frames.Count == 0) return;
        var quotes = QuoteRegions(ctx, frames);
        var live = candidates.Where(c => c.IsLive).ToList();
        var sentencesWithFigures = live.Select(c => c.Sentence).ToHashSet();
        var paragraphsWithFigures = live.Select(c => a.Sentences[c.Sentence].Paragraph).ToHashSet();

        var speaking = frames.Where(f => f.Kind is not (ReportingFrame.Via or ReportingFrame.Cite)).ToList();
        var main = speaking.Where(f => !f.Subordinate).ToList();
        var speakingParagraphs = speaking.Select(f => f.Paragraph).ToHashSet();
        var own = new List<Frame>();
        foreach (var c in live)
        {
            var sent = a.Sentences[c.Sentence];
            int para = sent.Paragraph;
            var m = c.Mention;
            // The frames of the figure's own sentence, nearest first (a stable order: of two as near, the first written);
            // a subordinate frame after the figure ("30 were killed, weeks after Kyiv said ...") speaks for its own clause only.
            own.Clear();
            foreach (var f in frames)
            {
                if (f.Sentence != c.Sentence || (m.Start >= f.SpeakerStart && m.End <= f.SpeakerEnd)
                    || (f.Subordinate && Math.Min(f.Start, f.SpeakerStart) >= m.End)) continue;
                int at = own.Count, d = Distance(f, m);
                while (at > 0 && Distance(own[at - 1], m) > d) at--;
                own.Insert(at, f);
            }
            Frame? pick = First(own, f => f.Kind is not (ReportingFrame.Via or ReportingFrame.Cite));
            string? via = null;
            if (pick is not null)
            {
                // Two speakers of one sentence, one a medium ("X said ..., Al Jazeera reported", "..., police said,
                // according to CNN"): the medium relays the other.
                Frame? other = null;
                foreach (var f in own)
                    if (f.Kind is not (ReportingFrame.Via or ReportingFrame.Cite) && IsMedium(f.Source) != IsMedium(pick.Source) && !Same(f.Source, pick.Source))
                    { other = f; break; }
                if (other is not null)
                {
                    if (IsMedium(pick.Source)) (pick, other) = (other, pick);
                    via = other.Source.Text;
                }
            }
            // "X reported, citing Y", "Citing Y, X said": Y is the source and X relays it; the other way round when only
            // Y is a medium.
            if (First(own, f => f.Kind == ReportingFrame.Cite) is { } cite)
            {
                if (pick is null) pick = cite;
                else if (!Same(cite.Source, pick.Source))
                {
                    if (IsMedium(cite.Source) && !IsMedium(pick.Source)) via ??= cite.Source.Text;
                    else
                    {
                        via = pick.Source.Text;
                        // A cited body that names no country ("citing the General Staff") is of the country of whoever relays it.
                        if (pick.Source.Country is { } relayed && !ctx.GeoWithin(cite.SpeakerStart, cite.SpeakerEnd).Any(g => g.Country is not null))
                            cite = cite with { Source = cite.Source with { Country = relayed } };
                        pick = cite;
                    }
                }
            }
            if (pick is null)
                foreach (var q in quotes)
                    if (q.From <= sent.Start && sent.End <= q.To + 1 && q.Frame is not null) { pick = q.Frame; break; }
            if (pick is null && c.Sentence + 1 < a.Sentences.Length && a.Sentences[c.Sentence + 1].Paragraph == para && !sentencesWithFigures.Contains(c.Sentence + 1))
            {
                // "... said X" / "ucapnya"; or a speaker first whose sentence speaks of the figures ("The army confirmed the deaths").
                foreach (var f in main)
                    if (f.Sentence == c.Sentence + 1 && (f.SpeakerStart >= f.Start || f.AboutFigures)) { pick = f; break; }
            }
            pick ??= LastWritten(main, para, beforeSentence: c.Sentence, aboutFigures: false);
            if (pick is null && para > 0 && !paragraphsWithFigures.Contains(para - 1) && !speakingParagraphs.Contains(para))
                pick = LastWritten(main, para - 1, beforeSentence: int.MaxValue, aboutFigures: true);
            // A paragraph that is all quotation, with no speaker of its own, goes on quoting the speaker just before it.
            if (pick is null && para > 0 && !speakingParagraphs.Contains(para) && OpensWithQuote(a, para))
                pick = LastWritten(main, para - 1, beforeSentence: int.MaxValue, aboutFigures: false);

            // A medium of the sentence before one of the paragraph; nearest first.
            Frame? medium = null;
            int mediumRank = int.MaxValue, mediumDistance = int.MaxValue;
            foreach (var f in frames)
            {
                if (f.Kind != ReportingFrame.Via || (f.Sentence != c.Sentence && f.Paragraph != para)) continue;
                int rank = f.Sentence == c.Sentence ? 0 : 1, d = Distance(f, m);
                if (rank < mediumRank || (rank == mediumRank && d < mediumDistance)) { medium = f; mediumRank = rank; mediumDistance = d; }
            }
            if (pick is not null)
            {
                c.Source = pick.Source;
                c.SourceSentence = pick.Sentence;
                if (via is not null) c.Via = via;
                else if (medium is not null && !Same(medium.Source, pick.Source)) c.Via = medium.Source.Text;
            }
            else if (medium is not null && medium.Sentence == c.Sentence)
            {
                c.Source = medium.Source with { Kind = medium.Source.Kind == SourceKind.Unspecified ? SourceKind.Media : medium.Source.Kind };
                c.SourceSentence = medium.Sentence;
            }
        }
    }

    private static Frame? First(List<Frame> frames, Func<Frame, bool> test)
    {
        foreach (var f in frames) if (test(f)) return f;
        return null;
    }

    /// <summary>The frame written last in a paragraph (before a sentence; speaking of figures if asked).</summary>
    private static Frame? LastWritten(List<Frame> frames, int paragraph, int beforeSentence, bool aboutFigures)
    {
        Frame? last = null;
        foreach (var f in frames)
            if (f.Paragraph == paragraph && f.Sentence < beforeSentence && (!aboutFigures || f.AboutFigures) && (last is null || f.Start > last.Start)) last = f;
        return last;
    }

    private static bool IsMedium(Source s) => s.Kind == SourceKind.Media;

    private static bool OpensWithQuote(AnalyzedText a, int paragraph)
    {
        var p = a.Paragraphs[paragraph];
        return p.End > p.Start && a.Text[p.Start] is '"' or '“' or '\'' or '‘';
    }

    private static bool Same(Source a, Source b) => string.Equals(a.Text, b.Text, StringComparison.OrdinalIgnoreCase);

    private static int Distance(Frame f, CountMention m)
    {
        int s = Math.Min(f.Start, f.SpeakerStart), e = Math.Max(f.End, f.SpeakerEnd);
        return e <= m.Start ? m.Start - e : s >= m.End ? s - m.End : 0;
    }

    /// <summary>Every reporting frame with a speaker, in text order; pronouns and anaphors resolved.</summary>
    public static List<Frame> FindFrames(DocumentContext ctx)
    {
        var a = ctx.Text;
        var frames = new List<Frame>();
        foreach (var h in a[LexKind.Reporting].Hits)
        {
            int s = a.SentenceOf(h.Start);
            var sent = a.Sentences[s];
            var e = h.Entry;
            (int Start, int End) span = (-1, -1);
            bool self = e.SpeakerAt == SpeakerPosition.Self;
            switch (e.SpeakerAt)
            {
                case SpeakerPosition.After:
                    span = After(ctx, h.End, sent.EndToken);
                    break;
                case SpeakerPosition.Before:
                    span = Before(ctx, h.Start, sent, frames);
                    break;
                case SpeakerPosition.Self:
                    span = (h.Start, h.End);
                    break;
                default:
                    var after = After(ctx, h.End, sent.EndToken);
                    bool inverted = after.End > after.Start && h.Start > sent.FirstToken
                        && a.Tokens[h.Start - 1].Kind == TokenKind.Punct && a.Text[a.Tokens[h.Start - 1].Start] is ',' or '"' or '”' or '’' or '\'';
                    span = inverted ? after : Before(ctx, h.Start, sent, frames);
                    if (span.End <= span.Start && after.End > after.Start && h.Start > sent.FirstToken && a.IsPunct(h.Start - 1, ',')) span = after;
                    break;
            }
            if (span.End <= span.Start) continue;
            // "Besut merekodkan 9,225 mangsa", "Kelantan recorded 500 deaths": a place that "records" a figure is where it was
            // counted, not who counted it.
            if (e.Frame == ReportingFrame.Data && OnlyPlaces(ctx, span)) continue;
            Source? source;
            if (self || IsOnly(ctx, span, SpeakerRole.Pronoun))
                source = Resolve(frames, a, s, pronoun: null) ?? PreviousSubject(ctx, s);
            else if (AnaphorHead(ctx, span) is { } head)
                source = Resolve(frames, a, s, head) ?? Describe(ctx, span);
            else
                source = Describe(ctx, span);
            if (source is null) continue;
            source = Enrich(frames, source);
            frames.Add(new Frame(h.Start, h.End, e.Frame, s, sent.Paragraph, span.Start, span.End, source)
            {
                Subordinate = Subordinate(a, Math.Min(h.Start, span.Start), sent),
                AboutFigures = a[LexKind.Category].Within(sent.FirstToken, sent.EndToken).Length > 0,
            });
        }
        return frames;
    }

    /// <summary>
    /// A pronoun with no earlier speaker: the subject that opens one of the two sentences before it, in its paragraph or
    /// the one before ("Police chief Marcus Obi spoke about the raid on Sunday. ... he said"), when it names someone (a
    /// word of a known kind, an organisation or a person's name), not a place.
    /// </summary>
    private static Source? PreviousSubject(DocumentContext ctx, int sentence)
    {
        var a = ctx.Text;
        int para = a.Sentences[sentence].Paragraph;
        for (int p = sentence - 1; p >= 0 && p >= sentence - 2; p--)
        {
            var prev = a.Sentences[p];
            if (para - prev.Paragraph > 1) break;
            var span = After(ctx, prev.FirstToken, prev.EndToken);
            if (span.End <= span.Start || span.End >= prev.EndToken || a.Tokens[span.End].Kind != TokenKind.Word) continue;
            if (!HasContent(ctx, span.Start, span.End) || OnlyPlaces(ctx, span) || IsOnly(ctx, span, SpeakerRole.Pronoun)) continue;
            var source = Describe(ctx, span);
            if (source is null) continue;
            // A person's name of two words at least: one capitalised word opening a sentence is as often anything else ("Heavy rain").
            bool names = source.Kind != SourceKind.Unspecified || source.Name?.Contains(' ') == true || AnaphorHead(ctx, span) is not null
                || ctx.GeoWithin(span.Start, span.End).Any(g => g.Has(GeoKind.Organization));
            if (names) return source;
        }
        return null;
    }

    /// <summary>Every word of the span is a place or country name (no organisation, title or person).</summary>
    private static bool OnlyPlaces(DocumentContext ctx, (int Start, int End) span)
    {
        bool any = false;
        for (int t = span.Start; t < span.End; t++)
        {
            if (ctx.Text.Tokens[t].Kind == TokenKind.Punct) continue;
            if (ctx.GeoAt[t] < 0 || ctx.Geo[ctx.GeoAt[t]].Candidates.Any(c => c.Kind == GeoKind.Organization)) return false;
            any = true;
        }
        return any;
    }

    /// <summary>"Aidi said": the same person as "the military spokesman for Papua region Muhammad Aidi" earlier.</summary>
    private static Source Enrich(List<Frame> earlier, Source s)
    {
        if (s.Name is not { } name) return s;
        if (s.Text.Length > name.Length + 1) return s;
        var trimmed = name.AsSpan().TrimEnd(' ');
        var last = trimmed[(trimmed.LastIndexOf(' ') + 1)..];
        if (last.IsEmpty) return s;
        for (int i = earlier.Count - 1; i >= 0; i--)
        {
            var e = earlier[i].Source;
            if (e.Name is { } en && e.Text.Length > s.Text.Length && HasWord(en, last)) return e;
        }
        return s;

        // One of the space-separated words of the name is the word.
        static bool HasWord(string name, ReadOnlySpan<char> word)
        {
            foreach (var range in name.AsSpan().Split(' '))
                if (name.AsSpan()[range].Equals(word, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }

    /// <summary>A clause word right before the frame ("usai Korut mengakui", "after Kyiv said").</summary>
    private static bool Subordinate(AnalyzedText a, int start, Sentence sent)
    {
        for (int t = start - 1; t >= sent.FirstToken && t >= start - 2; t--)
            if (a[LexKind.Syntax].Covers(t, out var h) && h.HasSyntax(SyntaxRole.Clause)) return true;
        return false;
    }

    private static Source? Resolve(List<Frame> earlier, AnalyzedText a, int sentence, string? pronoun)
    {
        int para = a.Sentences[sentence].Paragraph;
        for (int i = earlier.Count - 1; i >= 0; i--)
        {
            var f = earlier[i];
            if (para - f.Paragraph > PronounLookbackParagraphs) break;
            if (f.Kind == ReportingFrame.Via) continue;
            if (pronoun is null || f.Source.Text.Contains(pronoun, StringComparison.OrdinalIgnoreCase)) return f.Source;
        }
        return null;
    }

    /// <summary>"kementerian itu" → "kementerian"; "the ministry" → "ministry".</summary>
    private static string? AnaphorHead(DocumentContext ctx, (int Start, int End) span)
    {
        var a = ctx.Text;
        var sp = a[LexKind.Speaker];
        for (int t = span.Start; t < span.End; t++)
        {
            if (!sp.Covers(t, out var h) || h.Entry.SpeakerRole != SpeakerRole.Anaphor) continue;
            // "Kementerian itu": the head is the word before; "the ministry": the last word of the entry.
            if (h.Start > span.Start && a.Tokens[h.Start - 1].Kind == TokenKind.Word) return a.Span(h.Start - 1).ToString();
            if (h.End - h.Start > 1) return a.Span(h.End - 1).ToString();
        }
        return null;
    }

    private static bool IsOnly(DocumentContext ctx, (int Start, int End) span, SpeakerRole kind)
    {
        var sp = ctx.Text[LexKind.Speaker];
        bool any = false;
        for (int t = span.Start; t < span.End; t++)
        {
            if (ctx.Text.Tokens[t].Kind == TokenKind.Punct) continue;
            if (!sp.Covers(t, out var h) || h.Entry.SpeakerRole != kind) return false;
            any = true;
        }
        return any;
    }

    /// <summary>Is token <paramref name="t"/> part of a speaker description? Returns the token after it (or -1).</summary>
    private static int SpeakerToken(DocumentContext ctx, int t, int limit)
    {
        var a = ctx.Text;
        if (t >= limit) return -1;
        var tok = a.Tokens[t];
        if (ctx.GeoAt[t] >= 0) { var g = ctx.Geo[ctx.GeoAt[t]]; return g.End <= limit ? g.End : -1; }
        if (a[LexKind.Speaker].Covers(t, out var sh) && sh.Start == t && sh.Entry.SpeakerRole is not SpeakerRole.Aux)
            return sh.End <= limit && (sh.Entry.SpeakerRole != SpeakerRole.At || PlaceOfOffice(ctx, sh, limit)) ? sh.End : -1;
        if (UnitNumber(ctx, t, limit)) return t + 1;
        if (TitleStop(ctx, t, limit)) return t + 1;
        if (tok.Kind == TokenKind.Word)
        {
            if (a[LexKind.Weekday].Covers(t, out _) || a[LexKind.Month].Covers(t, out _) || a[LexKind.Reporting].Covers(t, out _)
                || a[LexKind.Category].Covers(t, out _) || a[LexKind.Time].Covers(t, out _) || a[LexKind.Number].Covers(t, out _)
                || a[LexKind.Hedge].Covers(t, out _) || a[LexKind.Qualifier].Covers(t, out _) || StructureWord(a, t)
                || a[LexKind.Modality].Covers(t, out _) || a[LexKind.Vague].Covers(t, out _) || a[LexKind.Unit].Covers(t, out _)
                || a.Language.IsStopword(tok.Span(a.Text)))
                return -1;
            var span = tok.Span(a.Text);
            if (tok.Is(TokenFlags.Capitalized) || tok.Is(TokenFlags.AllCaps) || HasInnerCapital(span)) return t + 1;
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
            return Cap(t - 1) && !a[LexKind.Month].Covers(t - 1, out _) && !a[LexKind.Weekday].Covers(t - 1, out _)
                && (Cap(t + 1) && !a[LexKind.Month].Covers(t + 1, out _) || (a.IsPunct(t + 1, '/') && Hugs(t) && Hugs(t + 1) && Cap(t + 2)));
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
        return determiner && k > 0 && IsLink(a, k) && a[LexKind.Speaker].Covers(k - 1, out var head) && head.Entry.SpeakerRole is not (SpeakerRole.Link or SpeakerRole.Aux or SpeakerRole.Pronoun);
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
        return t > 0 && t + 1 < limit && a.IsPunct(t, '.') && !a.Tokens[t].Is(TokenFlags.SpaceBefore) && a[LexKind.Speaker].Covers(t - 1, out var title)
            && title.Entry.SpeakerRole == SpeakerRole.Title && title.End == t && a.Tokens[t + 1].Kind == TokenKind.Word && a.Tokens[t + 1].Is(TokenFlags.Capitalized);
    }

    /// <summary>A word of the sentence's structure ends a speaker; words that only qualify a place name ("town", "region",
    /// "river") do not ("the mayor of the town").</summary>
    private static bool StructureWord(AnalyzedText a, int t) =>
        a[LexKind.Syntax].Covers(t, out var h) && !h.Entries.All(x => x.Syntax is SyntaxRole.Town or SyntaxRole.Area or SyntaxRole.Feature);

    private static bool HasInnerCapital(ReadOnlySpan<char> s)
    {
        // "al-Mutawakal", "bin Laden"-like particles joined to a name.
        int dash = s.IndexOf('-');
        return dash > 0 && dash + 1 < s.Length && char.IsUpper(s[dash + 1]);
    }

    /// <summary>The speaker after a frame: "kata Kapolri Listyo", "menurut seorang saksi bernama Ko Zaw Tun".</summary>
    private static (int Start, int End) After(DocumentContext ctx, int from, int limit)
    {
        var a = ctx.Text;
        int k = from;
        // "dilansir dari BBC", "dirilis oleh BNPB", "according to the UN": skip a linking word.
        if (k < limit && a[LexKind.Speaker].StartsAt(k, out var l) && l.Entry.SpeakerRole == SpeakerRole.Link) k = l.End;
        int start = k, end = k, taken = 0;
        while (k < limit && taken < MaxSpeakerTokens)
        {
            int next = SpeakerToken(ctx, k, limit);
            if (next < 0)
            {
                // An apposition: "kata Kabid Humas Polda Jawa Timur, Komisaris Besar Polisi Frans Barung Mangera".
                // Not when what follows the comma is the subject of the next verb ("Citing the ministry, Al Jazeera said").
                if (a.IsPunct(k, ',') && end > start && SpeakerToken(ctx, k + 1, limit) is var n2 && n2 > 0 && !a[LexKind.Weekday].Covers(k + 1, out _)
                    && (a.Tokens[k + 1].Is(TokenFlags.Capitalized) || (a[LexKind.Speaker].StartsAt(k + 1, out var ap) && ap.Entry.SpeakerRole is not (SpeakerRole.Pronoun or SpeakerRole.Aux or SpeakerRole.Link)))
                    && !SubjectOfVerb(ctx, k + 1, limit))
                { k++; continue; }
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
        while (k < limit && a[LexKind.Speaker].StartsAt(k, out var aux) && aux.Entry.SpeakerRole == SpeakerRole.Aux) k = aux.End;
        return k < limit && a[LexKind.Reporting].StartsAt(k, out var r) && r.Entry.SpeakerAt is SpeakerPosition.Before or SpeakerPosition.Either;
    }

    /// <summary>A speaker word of no kind that is also a stopword ("the", "a"): a determiner inside a description.</summary>
    private static bool IsDeterminer(AnalyzedText a, int t, out Hit hit) =>
        a[LexKind.Speaker].Covers(t, out hit) && hit.Entry.SpeakerRole == SpeakerRole.Title && a.Language.IsStopword(a.Span(t));

    private static bool IsLink(AnalyzedText a, int t) => a[LexKind.Speaker].Covers(t, out var h) && h.Entry.SpeakerRole is SpeakerRole.Link or SpeakerRole.At;

    /// <summary>
    /// The speaker before a frame: the description just left of the verb ("Kapolri Jenderal Listyo Sigit Prabowo
    /// mengatakan"), over auxiliaries and an apposition; else the description that opens the clause.
    /// </summary>
    private static (int Start, int End) Before(DocumentContext ctx, int verb, Sentence sent, List<Frame> earlier)
    {
        var a = ctx.Text;
        int k = verb - 1;
        while (k >= sent.FirstToken && a[LexKind.Speaker].Covers(k, out var aux) && aux.Entry.SpeakerRole == SpeakerRole.Aux) k = aux.Start - 1;
        if (k >= sent.FirstToken && a.IsPunct(k, ',')) k--;
        // "The Kyiv Independent, citing the General Staff, reported": a frame set off by commas between the subject and
        // its verb is skipped.
        if (k >= sent.FirstToken && FrameAt(earlier, k) is { } inner && Math.Min(inner.Start, inner.SpeakerStart) - 1 is var before
            && before > sent.FirstToken && a.IsPunct(before, ','))
            k = before - 1;
        int end = k + 1, start = end;
        int taken = 0;
        while (k >= sent.FirstToken && taken < MaxSpeakerTokens)
        {
            // Walk left over whole speaker tokens (a gazetteer name or a lexicon phrase may span several tokens).
            int s = StartOfSpeakerToken(ctx, k, verb);
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
        }
        while (start < end && IsLink(a, start)) start++;
        if (start < end && HasContent(ctx, start, end)) return (start, end);
        // The description that opens the clause: "Kabid Humas Polda Papua, Kombes Pol Ahmad Musthofa Kamal, saat memberikan keterangan (30/10) mengatakan".
        var open = After(ctx, sent.FirstToken, verb);
        return open.Item2 > open.Item1 && HasContent(ctx, open.Item1, open.Item2) ? open : (start, end);
    }

    /// <summary>"di Gaza", "in Khan Younis" after an office ("sources", "Rumah Sakit Indonesia"), not after a person's name.</summary>
    private static bool PlaceOfOffice(DocumentContext ctx, Hit at, int limit)
    {
        var a = ctx.Text;
        if (at.End >= limit || ctx.GeoAt[at.End] < 0 || at.Start == 0) return false;
        int prev = at.Start - 1;
        return ctx.GeoAt[prev] >= 0 || (a[LexKind.Speaker].Covers(prev, out var h) && h.Entry.SpeakerRole is not (SpeakerRole.Link or SpeakerRole.At or SpeakerRole.Aux or SpeakerRole.Pronoun));
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
            if (a.IsPunct(k, '.') && k - 1 >= first && a[LexKind.Speaker].Covers(k - 1, out var title) && title.Entry.SpeakerRole == SpeakerRole.Title && a.Tokens[k - 1].Is(TokenFlags.Capitalized))
            { start = title.Start; k = title.Start - 1; continue; }
            if (IsNamePart(ctx, k, limit) && !a.Language.IsStopword(a.Tokens[k].Span(a.Text))) { name++; start = k; k--; continue; }
            if (a[LexKind.Speaker].Covers(k, out var t) && t.Entry.SpeakerRole == SpeakerRole.Title && a.Tokens[t.Start].Is(TokenFlags.Capitalized)) { start = t.Start; k = t.Start - 1; continue; }
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
            if (a[LexKind.Speaker].Covers(s, out var h) && h.Entry.SpeakerRole is not (SpeakerRole.Title or SpeakerRole.Link or SpeakerRole.At or SpeakerRole.Aux or SpeakerRole.Pronoun)
                && (h.Entry.SpeakerRole != SpeakerRole.Anaphor || h.End - h.Start > 1)) return true;
            k = s - 1;
        }
        return false;
    }

    private static int StartOfSpeakerToken(DocumentContext ctx, int k, int limit)
    {
        var a = ctx.Text;
        if (ctx.GeoAt[k] >= 0) return ctx.Geo[ctx.GeoAt[k]].Start;
        if (a[LexKind.Speaker].Covers(k, out var sh) && sh.Entry.SpeakerRole is not SpeakerRole.Aux)
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
    private static bool HasContent(DocumentContext ctx, int start, int end)
    {
        var a = ctx.Text;
        for (int t = start; t < end; t++)
        {
            if (a.Tokens[t].Is(TokenFlags.Capitalized) || a.Tokens[t].Is(TokenFlags.AllCaps)) return true;
            if (a[LexKind.Speaker].Covers(t, out var h) && h.Entry.SpeakerRole is not (SpeakerRole.Title or SpeakerRole.Link or SpeakerRole.Aux)) return true;
        }
        return false;
    }

    /// <summary>A speaker as written, with the person's name, country and kind.</summary>
    public static Source? Describe(DocumentContext ctx, (int Start, int End) span)
    {
        var a = ctx.Text;
        var (start, end) = span;
        if (end <= start) return null;
        var text = a.Slice(start, end).Trim().TrimEnd(',', '.');
        if (text.Length == 0) return null;
        string? country = null;
        SourceKind kind = SourceKind.Unspecified;
        bool international = false;
        foreach (var g in ctx.GeoWithin(start, end))
        {
            if (Surname(ctx, g.Start) || InsideSpeakerPhrase(ctx, g)) continue;
            var org = g.Best(GeoKind.Organization);
            if (org is not null)
            {
                if (kind == SourceKind.Unspecified) kind = org.SourceKind;
                if (org.Country is null && org.SourceKind is SourceKind.InternationalOrg or SourceKind.Media or SourceKind.Ngo) international = true;
            }
            country ??= g.Country;
        }
        if (kind == SourceKind.Unspecified)
        {
            // The last word of a kind decides, but a generic word ("official", "pejabat": weak in speakers.tsv) only when
            // no other word has one ("a hospital official" is the health authority).
            SourceKind weak = SourceKind.Unspecified;
            foreach (var h in a[LexKind.Speaker].Within(start, end))
                if (h.Entry.SpeakerRole == SpeakerRole.Body && h.Entry.SourceKind is var k)
                {
                    if (h.Entry.Strength == CueStrength.Weak) weak = k;
                    else kind = k;
                }
            if (kind == SourceKind.Unspecified) kind = weak;
        }
        if (country is null && !international && kind is not SourceKind.Media) country = PartyStage.MainCountry(ctx);
        return new Source(text, PersonName(ctx, start, end), country, kind);
    }

    /// <summary>The last run of capitalised words that are neither titles nor known names of places and organisations.</summary>
    private static string? PersonName(DocumentContext ctx, int start, int end)
    {
        var a = ctx.Text;
        string? best = null;
        bool adjectivesBefore = ctx.Language.Adjectives == AdjectivePosition.Before;
        int t = start;
        while (t < end)
        {
            if (!IsNamePart(ctx, t, end)) { t++; continue; }
            int s = t;
            while (t < end && IsNamePart(ctx, t, end)) t++;
            // A lone acronym is an organisation, not a person.
            if (t - s == 1 && a.Tokens[s].Is(TokenFlags.AllCaps)) continue;
            // "the Al-Awda hospital" where modifiers stand before their noun: the run names the noun, not a person.
            if (adjectivesBefore && t < end && a.Tokens[t].Kind == TokenKind.Word && !a.Tokens[t].Is(TokenFlags.Capitalized)
                && a[LexKind.Speaker].Covers(t, out var noun) && noun.Entry.SpeakerRole is not (SpeakerRole.Link or SpeakerRole.At or SpeakerRole.Aux or SpeakerRole.Pronoun or SpeakerRole.Anaphor)) continue;
            // "Agensi Mencari dan Menyelamat Indonesia (Basarnas)": capitalised words before an acronym in brackets name an organisation.
            if (BeforeAcronym(ctx, t, end)) continue;
            best = a.Slice(s, t);
        }
        return best;
    }

    /// <summary>From <paramref name="t"/>, over capitalised words, names and links, an acronym in brackets follows.</summary>
    private static bool BeforeAcronym(DocumentContext ctx, int t, int end)
    {
        var a = ctx.Text;
        int k = t;
        while (k < end && (ctx.GeoAt[k] >= 0 || IsLink(a, k) || (a.Tokens[k].Kind == TokenKind.Word && a.Tokens[k].Is(TokenFlags.Capitalized)))) k++;
        int n = a.Tokens.Length;
        if (k >= n || !a.IsPunct(k, '(')) return false;
        int c = k + 1;
        while (c < n && c - k <= 3 && a.Tokens[c].Kind == TokenKind.Word && (a.Tokens[c].Is(TokenFlags.Capitalized) || a.Tokens[c].Is(TokenFlags.AllCaps))) c++;
        return c > k + 1 && c < n && a.IsPunct(c, ')');
    }

    /// <summary>A place inside a longer speaker phrase is that phrase's word ("Juru" of "Juru bicara"), not a place.</summary>
    private static bool InsideSpeakerPhrase(DocumentContext ctx, GeoHit g) =>
        !g.Has(GeoKind.Organization) && ctx.Text[LexKind.Speaker].Covers(g.Start, out var h) && h.Start <= g.Start && h.End >= g.End && h.End - h.Start > g.End - g.Start;

    /// <summary>
    /// A town's name right after a first name is a surname ("Ali Hassan", "Nadav Shoham"): a one-word place (not a country,
    /// capital or organisation) after a capitalised word no lexicon or gazetteer knows.
    /// </summary>
    private static bool Surname(DocumentContext ctx, int t)
    {
        var a = ctx.Text;
        if (ctx.GeoAt[t] < 0 || t == 0) return false;
        var g = ctx.Geo[ctx.GeoAt[t]];
        if (g.Start != t || g.End != t + 1 || g.Candidates.Any(c => c.Kind != GeoKind.Place)) return false;
        int p = t - 1;
        var prev = a.Tokens[p];
        return prev.Kind == TokenKind.Word && prev.Is(TokenFlags.Capitalized) && !prev.Is(TokenFlags.AllCaps) && ctx.GeoAt[p] < 0
            && !a[LexKind.Speaker].Covers(p, out _) && !a.Language.IsStopword(prev.Span(a.Text))
            && !(a.SentenceOf(p) is var si && a.Sentences[si].FirstToken == p);
    }

    private static bool IsNamePart(DocumentContext ctx, int t, int end)
    {
        var a = ctx.Text;
        var tok = a.Tokens[t];
        if (tok.Kind != TokenKind.Word || a[LexKind.Speaker].Covers(t, out _)) return false;
        if (ctx.GeoAt[t] >= 0) return Surname(ctx, t);
        if (tok.Is(TokenFlags.AllCaps)) return tok.Length <= 3 && t + 1 < end && a.Tokens[t + 1].Is(TokenFlags.Capitalized) && !a.Tokens[t + 1].Is(TokenFlags.AllCaps);
        return tok.Is(TokenFlags.Capitalized) || HasInnerCapital(tok.Span(a.Text));
    }

    public readonly record struct Quote(int From, int To, Frame? Frame);

    private static readonly System.Buffers.SearchValues<char> QuoteMarks = System.Buffers.SearchValues.Create("\"“”");

    /// <summary>Quotations ("...," kata X) and the frame that names their speaker.</summary>
    private static List<Quote> QuoteRegions(DocumentContext ctx, List<Frame> frames)
    {
        var a = ctx.Text;
        var text = a.Text;
        var result = new List<Quote>();
        foreach (var p in a.Paragraphs)
        {
            int open = -1;
            for (int i = p.Start; i < p.End; i++)
            {
                // Straight to the next quotation mark.
                int next = text.AsSpan(i, p.End - i).IndexOfAny(QuoteMarks);
                if (next < 0) break;
                i += next;
                char ch = text[i];
                bool opening = ch == '“' || (ch == '"' && open < 0);
                bool closing = ch == '”' || (ch == '"' && open >= 0);
                if (opening && open < 0) { open = i; continue; }
                if (closing && open >= 0)
                {
                    var frame = frames.FirstOrDefault(f => f.Kind == ReportingFrame.Say && a.Tokens[Math.Min(f.Start, f.SpeakerStart)].Start > i
                        && a.Tokens[Math.Min(f.Start, f.SpeakerStart)].Start - i <= 4);
                    result.Add(new Quote(open, i, frame));
                    open = -1;
                }
            }
        }
        return result;
    }
}
