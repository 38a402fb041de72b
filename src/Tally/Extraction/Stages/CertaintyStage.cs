using Tally.Languages;
using Tally.Model;

namespace Tally.Extraction.Stages;

/// <summary>How sure the text is: the hedge nearest the figure in its sentence ("dilaporkan", "diperkirakan",
/// "reportedly", "confirmed"); a plain statement is asserted.</summary>
public static class CertaintyStage
{
    private const int MaxDistance = 20;

    public static void Run(DocumentContext ctx, List<Candidate> candidates)
    {
        var a = ctx.Text;
        foreach (var c in candidates)
        {
            if (!c.IsLive) continue;
            var sent = a.Sentences[c.Sentence];
            int best = int.MaxValue;
            Certainty certainty = Certainty.Asserted;
            foreach (var h in a[LexKind.Hedge].Within(sent.FirstToken, sent.EndToken))
            {
                int d = h.End <= c.Mention.Start ? c.Mention.Start - h.End : h.Start >= c.Mention.End ? h.Start - c.Mention.End : 0;
                if (d > MaxDistance) continue;
                // Prefer a hedge before the figure on a tie: it scopes over what follows.
                int score = d * 2 + (h.Start >= c.Mention.End ? 1 : 0);
                if (score < best) { best = score; certainty = h.Entry.Certainty; }
            }
            c.Certainty = certainty;
        }
    }
}
