using Tally.Extraction.Stages;
using Tally.Gazetteer;
using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction.Attribution;

/// <summary>
/// Finds the reporting frames of a document: every reporting word ("mengatakan", "kata", "menurut", "said", "according
/// to", "citing") with the span of its speaker (<see cref="SpeakerSpan"/>) and the source that span describes
/// (<see cref="SourceDescriber"/>); pronouns ("dia", "ujarnya", "he") and anaphors ("kementerian itu", "the ministry")
/// are resolved to an earlier speaker.
/// </summary>
internal static class FrameFinder
{
    private const int PronounLookbackParagraphs = 3;
    /// <summary>How many earlier frames a pronoun or a short name is looked up in: recent speakers only, so that a document
    /// of one long paragraph of reporting verbs stays linear.</summary>
    private const int LookbackFrames = 64;

    /// <summary>Every reporting frame with a speaker, in text order; pronouns and anaphors resolved.</summary>
    public static List<Frame> Find(DocumentContext ctx)
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
                    span = SpeakerSpan.After(ctx, h.End, sent.EndToken);
                    break;
                case SpeakerPosition.Before:
                    span = SpeakerSpan.Before(ctx, h.Start, sent, frames);
                    break;
                case SpeakerPosition.Self:
                    span = (h.Start, h.End);
                    break;
                default:
                    var after = SpeakerSpan.After(ctx, h.End, sent.EndToken);
                    bool inverted = after.End > after.Start && h.Start > sent.FirstToken
                        && a.Tokens[h.Start - 1].Kind == TokenKind.Punct && a.Text[a.Tokens[h.Start - 1].Start] is ',' or '"' or '”' or '’' or '\'';
                    span = inverted ? after : SpeakerSpan.Before(ctx, h.Start, sent, frames);
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
                source = Resolve(frames, a, s, head) ?? SourceDescriber.Describe(ctx, span);
            else
                source = SourceDescriber.Describe(ctx, span);
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
            var span = SpeakerSpan.After(ctx, prev.FirstToken, prev.EndToken);
            if (span.End <= span.Start || span.End >= prev.EndToken || a.Tokens[span.End].Kind != TokenKind.Word) continue;
            if (!SpeakerSpan.HasContent(ctx, span.Start, span.End) || OnlyPlaces(ctx, span) || IsOnly(ctx, span, SpeakerRole.Pronoun)) continue;
            var source = SourceDescriber.Describe(ctx, span);
            if (source is null) continue;
            // A person's name of two words at least: one capitalised word opening a sentence is as often anything else ("Heavy rain").
            bool names = source.Kind != SourceKind.Unspecified || source.Name?.Contains(' ') == true || AnaphorHead(ctx, span) is not null
                || ctx.GeoWithin(span.Start, span.End).Any(g => g.Has(GeoKind.Organization));
            if (names) return source;
        }
        return null;
    }

    /// <summary>
    /// Every word of the span is a place or country name (no organisation, title or person), a word for a kind of place
    /// ("daerah", "district": syntax roles <c>area</c>, <c>town</c>) or a coordinator between places ("Pahang dan Selangor").
    /// </summary>
    private static bool OnlyPlaces(DocumentContext ctx, (int Start, int End) span)
    {
        var a = ctx.Text;
        bool any = false;
        for (int t = span.Start; t < span.End; t++)
        {
            if (a.Tokens[t].Kind == TokenKind.Punct) continue;
            if (ctx.GeoAt[t] < 0)
            {
                if (a.InPhrase(t, SyntaxRole.Area) || a.InPhrase(t, SyntaxRole.Town) || (any && a.InPhrase(t, SyntaxRole.Coordinator))) continue;
                return false;
            }
            if (ctx.Geo[ctx.GeoAt[t]].Candidates.Any(c => c.Kind == GeoKind.Organization)) return false;
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
        for (int i = earlier.Count - 1; i >= 0 && i >= earlier.Count - LookbackFrames; i--)
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
            if (a.InPhrase(t, SyntaxRole.Clause)) return true;
        return false;
    }

    private static Source? Resolve(List<Frame> earlier, AnalyzedText a, int sentence, string? pronoun)
    {
        int para = a.Sentences[sentence].Paragraph;
        for (int i = earlier.Count - 1; i >= 0 && i >= earlier.Count - LookbackFrames; i--)
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
}
