using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction.Stages;

/// <summary>How sure the text is: the hedge nearest the figure in its sentence ("dilaporkan", "diperkirakan",
/// "reportedly", "confirmed"); a plain statement is asserted.</summary>
public static class CertaintyStage
{
    private static bool Governs(AnalyzedText a, Hit h) =>
        a.Is(h.Start, LexKind.Reporting) || a.StartsWith(h.End, SyntaxRole.Complement);

    /// <summary>"polisi yang memastikan identitas": a relative clause whose head is not a word for the figure itself.</summary>
    private static bool RelativeAboutSomethingElse(AnalyzedText a, int hedgeStart, int floor)
    {
        foreach (var rel in a[LexKind.Syntax].Within(Math.Max(floor, hedgeStart - 2), hedgeStart))
        {
            if (!rel.HasSyntax(SyntaxRole.Relative)) continue;
            // "a figure that could not be verified", "angka yang belum dapat dipastikan": the clause is about the count.
            int head = rel.Start - 1;
            if (head >= floor && a.InPhrase(head, SyntaxRole.Figure)) return false;
            return true;
        }
        return false;
    }

    private const int MaxDistance = 20;

    /// <summary>A syntax word of that role lies within tokens [from, to).</summary>
    private static bool SyntaxBetween(AnalyzedText a, int from, int to, SyntaxRole role)
    {
        foreach (var x in a[LexKind.Syntax].Within(from, to)) if (x.HasSyntax(role)) return true;
        return false;
    }

    public static void Run(DocumentContext ctx, List<Candidate> candidates)
    {
        var a = ctx.Text;
        // The live figures of each sentence, gathered once (each figure looks only at its own sentence's).
        var bySentence = new Dictionary<int, List<Candidate>>();
        foreach (var o in candidates)
        {
            if (!o.IsLive) continue;
            if (!bySentence.TryGetValue(o.Sentence, out var l)) bySentence[o.Sentence] = l = [];
            l.Add(o);
        }
        var figures = new List<CountMention>();
        foreach (var c in candidates)
        {
            if (!c.IsLive) continue;
            var sent = a.Sentences[c.Sentence];
            int best = int.MaxValue;
            Certainty certainty = Certainty.Asserted;
            figures.Clear();
            foreach (var o in bySentence[c.Sentence]) if (o != c) figures.Add(o.Mention);
            foreach (var h in a[LexKind.Hedge].Within(sent.FirstToken, sent.EndToken))
            {
                int d = h.End <= c.Mention.Start ? c.Mention.Start - h.End : h.Start >= c.Mention.End ? h.Start - c.Mention.End : 0;
                if (d > MaxDistance) continue;
                // A hedge belongs to its own clause: not across another figure, a clause boundary ("namun", "but"),
                // nor from a relative clause about something else ("polisi yang memastikan identitas").
                int from = Math.Min(h.End, c.Mention.End), to = Math.Max(h.Start, c.Mention.Start);
                // A verb of estimating or claiming that opens a clause ("have estimated that ...", "mengeluarkan klaim bahwa ...")
                // governs every figure of that clause.
                bool governs = h.End <= c.Mention.Start && Governs(a, h);
                if (!governs && figures.Any(f => f.Start >= from && f.End <= to)) continue;
                // "3 orang tewas, sementara jumlah pengungsi diperkirakan mencapai 10.000 orang": a hedge after this figure
                // that leads into another figure's clause belongs to that one.
                if (h.Start >= c.Mention.End && figures.Any(f => f.Start >= h.End && !SyntaxBetween(a, h.End, f.Start, SyntaxRole.Clause))) continue;
                if (h.End <= c.Mention.Start && (SyntaxBetween(a, from, to, SyntaxRole.Contrast) || (!governs && SyntaxBetween(a, from, to, SyntaxRole.Clause)))) continue;
                if (h.Start >= c.Mention.End && RelativeAboutSomethingElse(a, h.Start, sent.FirstToken)) continue;
                // Prefer a hedge before the figure on a tie: it scopes over what follows.
                int score = d * 2 + (h.Start >= c.Mention.End ? 1 : 0);
                if (score < best) { best = score; certainty = h.Entry.Certainty; }
            }
            c.Certainty = certainty;
        }
    }
}
