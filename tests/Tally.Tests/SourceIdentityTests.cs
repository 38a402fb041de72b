using Tally.Extraction;
using Tally.Model;

namespace Tally.Tests;

/// <summary>When two descriptions name one speaker; the words that cannot tell speakers apart come from nondistinctive.tsv.</summary>
public class SourceIdentityTests
{
    private static Source S(string text, SourceKind kind = SourceKind.Unspecified, string? country = null, string? name = null) =>
        new(text, name, country, kind);

    [Theory]
    [InlineData("Kapolri", "Kapolri Jenderal Listyo Sigit Prabowo", true)]
    [InlineData("a witness and BBC Burmese", "the witness and media", true)]
    [InlineData("the ministry", "the army", false)]                       // en: "the"
    [InlineData("a senior official", "the official in Kyiv", false)]     // en: "official", "senior"
    [InlineData("juru bicara polisi", "juru bicara TNI", false)]          // id: "juru", "bicara"
    [InlineData("pejabat tersebut", "pejabat kementerian", false)]       // id: "pejabat", "tersebut"
    [InlineData("jurucakap polis", "jurucakap tentera", false)]          // ms: "jurucakap"
    [InlineData("pegawai berkenaan", "pegawai hospital", false)]         // ms: "pegawai", "berkenaan"
    public void Two_descriptions_are_one_speaker_when_they_share_a_distinctive_word(string a, string b, bool same) =>
        Assert.Equal(same, SourceIdentity.Same(S(a), S(b)));

    [Fact]
    public void A_speakers_series_key_is_the_name_else_the_distinctive_words()
    {
        Assert.Equal("listyo sigit prabowo", SourceIdentity.Key(S("Kapolri Jenderal Listyo Sigit Prabowo", name: "Listyo Sigit Prabowo")));
        Assert.Equal("kementerian kesehatan", SourceIdentity.Key(S("pejabat Kementerian Kesehatan")));
        Assert.Equal("", SourceIdentity.Key(null));
    }
}
