using Tally.Languages;
using Tally.Text;

namespace Tally.Tests.Text;

/// <summary>The named context questions of <see cref="TextPredicates"/> on Indonesian sentences made up for the test.</summary>
public class TextPredicatesTests
{
    private static AnalyzedText Id(string text) => TextAnalyzer.Analyze(text, LanguageRegistry.Default.Get("id"));

    /// <summary>The index of the first token that reads <paramref name="word"/>.</summary>
    private static int T(AnalyzedText a, string word)
    {
        for (int t = 0; t < a.Tokens.Length; t++)
            if (a.Span(t).Equals(word, StringComparison.Ordinal)) return t;
        throw new ArgumentException($"no token '{word}'");
    }

    [Fact]
    public void After_a_preposition_is_a_preposition_phrase_ending_right_before_the_token()
    {
        var a = Id("Tiga warga tewas di Bandung pada Maret lalu.");
        Assert.True(a.AfterPreposition(T(a, "Bandung")));
        Assert.True(a.PrecededBy(T(a, "Bandung"), SyntaxRole.Preposition));
        Assert.True(a.PrecededBy(T(a, "Maret"), SyntaxRole.Preposition, out var pada));
        Assert.Equal(T(a, "pada"), pada.Start);
        Assert.False(a.AfterPreposition(T(a, "tewas")));
        Assert.False(a.AfterPreposition(T(a, "di")));
        // The first token has nothing before it; the role must match.
        Assert.False(a.AfterPreposition(0));
        Assert.False(a.PrecededBy(T(a, "Bandung"), SyntaxRole.Origin, out var none));
        Assert.Equal(default, none);
    }

    [Fact]
    public void Preceded_by_any_of_several_roles()
    {
        var a = Id("Dari 40 penumpang kapal, 12 orang hilang di laut.");
        int forty = T(a, "40");
        Assert.True(a.PrecededBy(forty, SyntaxRole.Origin));
        Assert.False(a.PrecededBy(forty, SyntaxRole.Preposition));
        Assert.True(a.PrecededByAny(forty, SyntaxRole.Preposition, SyntaxRole.Origin));
        Assert.True(a.PrecededByAny(T(a, "laut"), SyntaxRole.Preposition, SyntaxRole.Origin));
        Assert.False(a.PrecededByAny(T(a, "hilang"), SyntaxRole.Preposition, SyntaxRole.Origin));
    }

    [Fact]
    public void Starts_with_a_phrase_of_a_role()
    {
        var a = Id("Korban yang tewas sebanyak 20 orang.");
        int yang = T(a, "yang");
        Assert.True(a.StartsWith(yang, SyntaxRole.Relative));
        Assert.False(a.StartsWith(yang, SyntaxRole.Filler));
        Assert.True(a.StartsWithAny(yang, out var rel, SyntaxRole.Filler, SyntaxRole.Relative));
        Assert.Equal((yang, yang + 1), (rel.Start, rel.End));
        Assert.False(a.StartsWithAny(T(a, "tewas"), SyntaxRole.Relative, SyntaxRole.Filler));
        // One entry of a word with two roles is enough ("sebanyak": filler and predicate).
        Assert.True(a.StartsWith(T(a, "sebanyak"), SyntaxRole.Predicate));
        Assert.True(a.StartsWith(T(a, "sebanyak"), SyntaxRole.Filler, out var filler));
        Assert.Equal(T(a, "20"), filler.End);
        Assert.False(a.StartsWith(-1, SyntaxRole.Relative));
        Assert.False(a.StartsWith(a.Tokens.Length, SyntaxRole.Relative));
    }

    [Fact]
    public void A_phrase_of_several_words_starts_at_its_first_ends_after_its_last_and_covers_each()
    {
        var a = Id("Lima orang tewas, di antaranya dua anak.");
        int di = T(a, "di"), antaranya = T(a, "antaranya"), dua = T(a, "dua");
        Assert.True(a.StartsWith(di, SyntaxRole.Including));
        Assert.False(a.StartsWith(antaranya, SyntaxRole.Including));
        Assert.True(a.InPhrase(di, SyntaxRole.Including));
        Assert.True(a.InPhrase(antaranya, SyntaxRole.Including));
        Assert.True(a.InPhraseAny(antaranya, SyntaxRole.Clause, SyntaxRole.Including));
        Assert.False(a.InPhrase(antaranya, SyntaxRole.Preposition));
        Assert.True(a.PrecededBy(dua, SyntaxRole.Including, out var incl));
        Assert.Equal(di, incl.Start);
        // "di" is read as part of the longer phrase, not as a preposition of its own.
        Assert.False(a.AfterPreposition(antaranya));
    }

    [Fact]
    public void Speaker_words_and_layers()
    {
        var a = Id("Juru bicara polisi juga mengatakan pada Senin bahwa dia melihat mereka.");
        Assert.True(a.SpeakerAt(T(a, "bicara"), out var jubir));
        Assert.Equal((T(a, "Juru"), T(a, "polisi")), (jubir.Start, jubir.End));
        Assert.Equal(SpeakerRole.Title, jubir.Entry.SpeakerRole);
        Assert.False(a.SpeakerStartsAt(T(a, "bicara"), out _));
        Assert.True(a.SpeakerStartsAt(T(a, "polisi"), out var polisi));
        Assert.Equal(SpeakerRole.Body, polisi.Entry.SpeakerRole);
        Assert.True(a.SpeakerAt(T(a, "juga"), out var juga));
        Assert.Equal(SpeakerRole.Aux, juga.Entry.SpeakerRole);
        Assert.False(a.SpeakerAt(T(a, "mengatakan"), out _));

        Assert.True(a.Is(T(a, "mengatakan"), LexKind.Reporting));
        Assert.True(a.Is(T(a, "Senin"), LexKind.Weekday));
        Assert.False(a.Is(T(a, "Senin"), LexKind.Month));
        Assert.True(a.Is(T(a, "bahwa"), LexKind.Syntax));
        Assert.False(a.Is(-1, LexKind.Syntax));
    }
}
