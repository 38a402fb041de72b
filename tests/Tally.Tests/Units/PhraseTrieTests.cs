using Tally.Languages;
using Tally.Text;

namespace Tally.Tests.Units;

/// <summary><see cref="PhraseTrie{T}"/>: phrases matched against tokens, case-insensitively unless an entry has capitals.</summary>
public class PhraseTrieTests
{
    private struct Collect : IMatchSink<string>
    {
        public List<string> Matches;
        public void OnMatch(string value, int end) => Matches.Add($"{value}@{end}");
    }

    private static string MatchAt(PhraseTrie<string> trie, string text, int at)
    {
        var sink = new Collect { Matches = [] };
        trie.MatchAt(text, Tokenizer.Tokenize(text), at, ref sink);
        return string.Join(" ", sink.Matches);
    }

    private static PhraseTrie<string> Trie(params string[] phrases) => Trie(null, phrases);

    private static PhraseTrie<string> Trie(string[]? suffixes, params string[] phrases)
    {
        var trie = new PhraseTrie<string>(suffixes);
        foreach (var p in phrases) trie.Add(p, p);
        return trie;
    }

    [Theory]
    [InlineData("tewas", "tiga warga tewas", 2, "tewas@3")]
    [InlineData("tewas", "tiga warga Tewas", 2, "tewas@3")]
    [InlineData("tewas", "TIGA WARGA TEWAS", 2, "tewas@3")]
    [InlineData("tewas", "tiga warga tewas", 1, "")]
    [InlineData("meninggal dunia", "dua orang meninggal dunia kemarin", 2, "meninggal dunia@4")]
    [InlineData("meninggal dunia", "dua orang meninggal kemarin", 2, "")]
    [InlineData("meninggal dunia", "dua orang meninggal", 2, "")]
    [InlineData("killed in action", "two killed in action.", 1, "killed in action@4")]
    [InlineData("s.d.", "1 s.d. 5", 1, "s.d.@2")]
    public void Matches_a_phrase_at_a_token(string phrase, string text, int at, string expected) =>
        Assert.Equal(expected, MatchAt(Trie(phrase), text, at));

    [Fact]
    public void Reports_shorter_matches_first()
    {
        var trie = Trie("meninggal dunia", "meninggal", "meninggal dunia akibat");
        Assert.Equal("meninggal@1 meninggal dunia@2 meninggal dunia akibat@3", MatchAt(trie, "meninggal dunia akibat banjir", 0));
    }

    [Fact]
    public void Reports_every_value_of_a_phrase()
    {
        var trie = new PhraseTrie<string>();
        trie.Add("korban", "category");
        trie.Add("korban", "people");
        Assert.Equal("category@1 people@1", MatchAt(trie, "korban banjir", 0));
        Assert.Equal(2, trie.Count);
    }

    [Theory]
    [InlineData("Mei", "pada Mei lalu", "Mei@2")]
    [InlineData("Mei", "pada mei lalu", "")]
    [InlineData("Mei", "pada MEI lalu", "")]
    [InlineData("Jalur Gaza", "di Jalur Gaza", "Jalur Gaza@3")]
    [InlineData("Jalur Gaza", "di jalur gaza", "")]
    public void An_entry_with_capitals_matches_only_that_spelling(string phrase, string text, string expected) =>
        Assert.Equal(expected, MatchAt(Trie(phrase), text, 1));

    [Fact]
    public void A_phrase_does_not_run_across_a_line_break()
    {
        var trie = Trie("meninggal", "meninggal dunia");
        Assert.Equal("meninggal@1", MatchAt(trie, "meninggal\ndunia", 0));
        Assert.Equal("meninggal@1 meninggal dunia@2", MatchAt(trie, "meninggal dunia", 0));
    }

    [Theory]
    [InlineData("korbannya dimakamkan", "korban@-1")]
    [InlineData("KORBANNYA dimakamkan", "korban@-1")]
    [InlineData("korban dimakamkan", "korban@1")]
    [InlineData("korbanmu dimakamkan", "")]
    public void Strips_a_suffix_from_a_single_word_and_negates_the_end(string text, string expected) =>
        Assert.Equal(expected, MatchAt(Trie(["nya"], "korban"), text, 0));

    [Fact]
    public void Strips_no_suffix_without_being_given_one() =>
        Assert.Equal("", MatchAt(Trie("korban"), "korbannya", 0));

    [Fact]
    public void Strips_no_suffix_for_an_exact_case_entry_or_a_short_stem()
    {
        Assert.Equal("", MatchAt(Trie(["nya"], "Aceh"), "Acehnya", 0));
        // A word is stripped only when it is longer than the suffix plus two letters: "abnya" is not.
        Assert.Equal("", MatchAt(Trie(["nya"], "ab"), "abnya", 0));
    }

    [Fact]
    public void A_longer_phrase_is_not_matched_through_a_stripped_suffix() =>
        Assert.Equal("", MatchAt(Trie(["nya"], "korban jiwa"), "korbannya jiwa", 0));

    [Theory]
    [InlineData("tewas", true)]
    [InlineData("TEWAS", true)]
    [InlineData("Mei", true)]
    [InlineData("mei", false)]
    [InlineData("meninggal", false)]
    [InlineData("hilang", false)]
    public void Looks_up_a_one_word_phrase(string word, bool found)
    {
        var trie = Trie("tewas", "Mei", "meninggal dunia");
        Assert.Equal(found, trie.TryGetWord(word, out var values));
        Assert.Equal(found ? 1 : 0, values.Count);
    }

    [Fact]
    public void Counts_its_entries_and_refuses_an_empty_phrase()
    {
        var trie = Trie("tewas", "meninggal dunia", "luka-luka");
        Assert.Equal(3, trie.Count);
        Assert.Throws<ArgumentException>(() => trie.Add("  ", "nothing"));
        Assert.Equal(3, trie.Count);
    }

    [Fact]
    public void An_empty_trie_matches_nothing()
    {
        var trie = new PhraseTrie<string>(["nya"]);
        Assert.Equal("", MatchAt(trie, "korbannya tewas", 0));
        Assert.False(trie.TryGetWord("tewas", out _));
    }
}
