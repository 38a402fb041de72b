using Tally.Extraction.Attribution;
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
/// Who said it: chooses the source of each figure among the document's reporting frames ("X mengatakan", "kata X",
/// "menurut X", "X said", "according to X", "citing X"; found once by <see cref="FrameFinder"/>, with their speakers
/// walked by <see cref="SpeakerSpan"/> and described by <see cref="SourceDescriber"/>). A figure takes the frame of its
/// own sentence; else the frame that closes the quotation it stands in; else a frame in the next sentence that only says
/// who spoke ("ucapnya"); else the last speaker earlier in its paragraph; else a speaker who announced figures in the
/// paragraph before. A medium the outlet cites ("dilansir dari BBC") is the claim's <c>via</c>, or its source when
/// nobody else is named.
/// </summary>
public static class AttributionStage
{
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
        var speakingParagraphs = speaking.Select(f => f.Paragraph).ToHashSet();
        // Per paragraph, in text order: the main frames, those of them about figures, and the media cited.
        var mainByParagraph = ByParagraph(frames, IsMain);
        var aboutByParagraph = ByParagraph(frames, f => IsMain(f) && f.AboutFigures);
        var viaByParagraph = ByParagraph(frames, f => f.Kind == ReportingFrame.Via);
        var own = new List<Frame>();
        foreach (var c in live)
        {
            var sent = a.Sentences[c.Sentence];
            int para = sent.Paragraph;
            var m = c.Mention;
            // The frames of the figure's own sentence, nearest first (a stable order: of two as near, the first written);
            // a subordinate frame after the figure ("30 were killed, weeks after Kyiv said ...") speaks for its own clause only.
            own.Clear();
            foreach (var f in ctx.FramesInSentence(c.Sentence))
            {
                if ((m.Start >= f.SpeakerStart && m.End <= f.SpeakerEnd)
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
                foreach (var f in ctx.FramesInSentence(c.Sentence + 1))
                    if (IsMain(f) && (f.SpeakerStart >= f.Start || f.AboutFigures)) { pick = f; break; }
            }
            pick ??= LastWritten(mainByParagraph, para, beforeSentence: c.Sentence);
            if (pick is null && para > 0 && !paragraphsWithFigures.Contains(para - 1) && !speakingParagraphs.Contains(para))
                pick = LastWritten(aboutByParagraph, para - 1, beforeSentence: int.MaxValue);
            // A paragraph that is all quotation, with no speaker of its own, goes on quoting the speaker just before it.
            if (pick is null && para > 0 && !speakingParagraphs.Contains(para) && OpensWithQuote(a, para))
                pick = LastWritten(mainByParagraph, para - 1, beforeSentence: int.MaxValue);

            // A medium of the sentence before one of the paragraph; nearest first.
            Frame? medium = null;
            int mediumRank = int.MaxValue, mediumDistance = int.MaxValue;
            foreach (var f in Near(viaByParagraph, para, m.Start))
            {
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

    private static Dictionary<int, List<Frame>> ByParagraph(List<Frame> frames, Func<Frame, bool> keep)
    {
        var by = new Dictionary<int, List<Frame>>();
        foreach (var f in frames)
        {
            if (!keep(f)) continue;
            if (!by.TryGetValue(f.Paragraph, out var list)) by[f.Paragraph] = list = [];
            list.Add(f);
        }
        return by;
    }

    /// <summary>
    /// The frame written last in a paragraph before a sentence: frames run in text order, so their sentences do too,
    /// and the last one before the sentence is found by halving.
    /// </summary>
    private static Frame? LastWritten(Dictionary<int, List<Frame>> byParagraph, int paragraph, int beforeSentence)
    {
        if (!byParagraph.TryGetValue(paragraph, out var list)) return null;
        int n = CountBefore(list, f => f.Sentence < beforeSentence);
        return n > 0 ? list[n - 1] : null;
    }

    /// <summary>
    /// The frames of a paragraph that may be nearest a token: all of them when there are few, else those around the
    /// token's place in text order (a paragraph of thousands of frames is not read whole for every figure).
    /// </summary>
    private static IEnumerable<Frame> Near(Dictionary<int, List<Frame>> byParagraph, int paragraph, int token)
    {
        const int Window = 32;
        if (!byParagraph.TryGetValue(paragraph, out var list)) return [];
        if (list.Count <= 2 * Window) return list;
        int at = CountBefore(list, f => f.Start < token);
        int from = Math.Max(0, at - Window);
        return list.GetRange(from, Math.Min(list.Count, at + Window) - from);
    }

    /// <summary>How many items open a list sorted so that <paramref name="before"/> holds for a prefix of it (found by halving).</summary>
    private static int CountBefore<T>(IReadOnlyList<T> sorted, Func<T, bool> before)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi) { int mid = (lo + hi) >>> 1; if (before(sorted[mid])) lo = mid + 1; else hi = mid; }
        return lo;
    }

    /// <summary>A frame that names a speaker of its own, in a main clause (not a medium, a citation or a subordinate clause).</summary>
    private static bool IsMain(Frame f) => f.Kind is not (ReportingFrame.Via or ReportingFrame.Cite) && !f.Subordinate;

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

    /// <summary>Every reporting frame with a speaker, in text order; pronouns and anaphors resolved (see <see cref="FrameFinder"/>).</summary>
    public static List<Frame> FindFrames(DocumentContext ctx) => FrameFinder.Find(ctx);

    public readonly record struct Quote(int From, int To, Frame? Frame);

    /// <summary>The first "say" frame (in text order of the frames list) beginning within four characters after a closing quote.</summary>
    private static Frame? SayFrameAfter((int At, Frame Frame)[] says, int close)
    {
        Frame? first = null;
        for (int k = CountBefore(says, s => s.At <= close); k < says.Length && says[k].At - close <= 4; k++)
            if (first is null || says[k].Frame.Start < first.Start) first = says[k].Frame;
        return first;
    }

    private static readonly System.Buffers.SearchValues<char> QuoteMarks = System.Buffers.SearchValues.Create("\"“”");

    /// <summary>Quotations ("...," kata X) and the frame that names their speaker.</summary>
    private static List<Quote> QuoteRegions(DocumentContext ctx, List<Frame> frames)
    {
        var a = ctx.Text;
        var text = a.Text;
        var result = new List<Quote>();
        // The "say" frames by where they begin (the speaker or the verb, whichever comes first), for a lookup per quote.
        var says = frames.Where(f => f.Kind == ReportingFrame.Say).Select(f => (At: a.Tokens[Math.Min(f.Start, f.SpeakerStart)].Start, Frame: f))
            .OrderBy(x => x.At).ToArray();
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
                    var frame = SayFrameAfter(says, i);
                    result.Add(new Quote(open, i, frame));
                    open = -1;
                }
            }
        }
        return result;
    }
}
