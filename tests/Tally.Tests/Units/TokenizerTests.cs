using Tally.Text;

namespace Tally.Tests.Units;

/// <summary><see cref="Tokenizer"/>: words, numbers and punctuation as spans of the text, with their flags.</summary>
public class TokenizerTests
{
    private static string Split(string text) => string.Join(" | ", Tokenizer.Tokenize(text).Select(t => t.Span(text).ToString()));

    [Theory]
    [InlineData("Sebanyak 4.700 warga mengungsi.", "Sebanyak | 4.700 | warga | mengungsi | .")]
    [InlineData("Some 10,000 people fled.", "Some | 10,000 | people | fled | .")]
    [InlineData("Sekitar 1,5 juta orang", "Sekitar | 1,5 | juta | orang")]
    [InlineData("1.234.567 jiwa", "1.234.567 | jiwa")]
    [InlineData("tahun 2024.", "tahun | 2024 | .")]
    [InlineData("antara 5-10 orang", "antara | 5 | - | 10 | orang")]
    [InlineData("Jumat (6/11) pagi", "Jumat | ( | 6 | / | 11 | ) | pagi")]
    [InlineData("12,5%", "12,5 | %")]
    [InlineData("Dua warga luka-luka", "Dua | warga | luka-luka")]
    [InlineData("twenty-five soldiers", "twenty-five | soldiers")]
    [InlineData("a Gaza-Egypt crossing", "a | Gaza-Egypt | crossing")]
    [InlineData("a word - and a dash", "a | word | - | and | a | dash")]
    [InlineData("Ukraine's army", "Ukraine | 's | army")]
    [InlineData("Ukraine\u2019s army", "Ukraine | \u2019s | army")]
    [InlineData("O'Brien said", "O'Brien | said")]
    [InlineData("they don't know", "they | don't | know")]
    [InlineData("the U.S. Army", "the | U.S. | Army")]
    [InlineData("at 9 a.m. today", "at | 9 | a.m. | today")]
    [InlineData("korbannya dimakamkan", "korbannya | dimakamkan")]
    [InlineData("\"Tiga tewas,\" katanya.", "\" | Tiga | tewas | , | \" | katanya | .")]
    [InlineData("Kota Bharu—banjir", "Kota | Bharu | — | banjir")]
    [InlineData("ini\u200Bitu", "ini | itu")]
    [InlineData("", "")]
    [InlineData("   \n\t ", "")]
    public void Splits_text_into_tokens(string text, string tokens) => Assert.Equal(tokens, Split(text));

    [Theory]
    [InlineData("tewas 40", "Word Number")]
    [InlineData("4.700 orang.", "Number Word Punct")]
    [InlineData("U.S.-backed", "Word Punct Word")]
    [InlineData("Israel's 3", "Word Word Number")]
    public void Tells_words_numbers_and_punctuation_apart(string text, string kinds) =>
        Assert.Equal(kinds, string.Join(" ", Tokenizer.Tokenize(text).Select(t => t.Kind)));

    [Fact]
    public void Tokens_are_offsets_into_the_text()
    {
        var tokens = Tokenizer.Tokenize("Tiga  warga\ntewas.");
        Assert.Equal([(0, 4), (6, 5), (12, 5), (17, 1)], tokens.Select(t => (t.Start, t.Length)).ToArray());
        Assert.Equal(11, tokens[1].End);
    }

    [Theory]
    [InlineData("TNI menembak", 0, TokenFlags.Capitalized | TokenFlags.AllCaps | TokenFlags.SpaceBefore | TokenFlags.LineStart)]
    [InlineData("TNI menembak", 1, TokenFlags.SpaceBefore)]
    [InlineData("Polisi Aceh", 1, TokenFlags.Capitalized | TokenFlags.SpaceBefore)]
    [InlineData("kata A kemarin", 1, TokenFlags.Capitalized | TokenFlags.SpaceBefore)]
    [InlineData("luka-luka", 0, TokenFlags.Hyphenated | TokenFlags.SpaceBefore | TokenFlags.LineStart)]
    [InlineData("tewas.", 1, TokenFlags.None)]
    [InlineData("satu\ndua", 1, TokenFlags.LineStart | TokenFlags.SpaceBefore)]
    [InlineData("satu dua", 1, TokenFlags.SpaceBefore)]
    [InlineData("(40)", 1, TokenFlags.None)]
    public void Flags_each_token(string text, int index, TokenFlags flags) =>
        Assert.Equal(flags, Tokenizer.Tokenize(text)[index].Flags);

    [Fact]
    public void Spellings_that_differ_only_in_case_share_a_hash()
    {
        var tokens = Tokenizer.Tokenize("Tewas tewas TEWAS tewasnya");
        Assert.Equal(tokens[0].Hash, tokens[1].Hash);
        Assert.Equal(tokens[0].Hash, tokens[2].Hash);
        Assert.NotEqual(tokens[0].Hash, tokens[3].Hash);
        Assert.Equal(FoldedHash.Of("tewas"), tokens[0].Hash);
    }

    [Fact]
    public void Appends_to_a_list_without_clearing_it()
    {
        var into = new List<Token>();
        Tokenizer.Tokenize("dua orang", into);
        Tokenizer.Tokenize("tiga", into);
        Assert.Equal(3, into.Count);
        Assert.Equal(0, into[2].Start);
    }

    [Fact]
    public void The_same_text_gives_the_same_tokens_each_time()
    {
        var text = "Sebanyak 12 prajurit TNI gugur di Nduga, Papua.";
        Assert.Equal(Tokenizer.Tokenize(text), Tokenizer.Tokenize(text));
    }
}
