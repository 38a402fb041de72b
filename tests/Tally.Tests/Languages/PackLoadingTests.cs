using Tally.Languages;
using Tally.Model;
using Tally.Tests.Cli;

namespace Tally.Tests.Languages;

/// <summary>
/// Language packs are typed at load: every tag column and meta key becomes an enum or a typed property, and a value the
/// engine does not know fails the load with the file, the line and the allowed values.
/// </summary>
public class PackLoadingTests
{
    [Fact]
    public void Every_embedded_pack_loads_with_its_typed_settings()
    {
        var id = LanguagePack.Load("id");
        Assert.Equal(("Indonesian", ',', '.', AdjectivePosition.After, "ID"), (id.Name, id.DecimalMark, id.ThousandsMark, id.Adjectives, id.HomeCountry));
        var en = LanguagePack.Load("en");
        Assert.Equal(("English", '.', ',', AdjectivePosition.Before, (string?)null), (en.Name, en.DecimalMark, en.ThousandsMark, en.Adjectives, en.HomeCountry));
        var ms = LanguagePack.Load("ms");
        Assert.Equal((AdjectivePosition.After, "MY"), (ms.Adjectives, ms.HomeCountry));
    }

    [Theory]
    [InlineData("id", "kemarin", LexKind.Time)]
    [InlineData("en", "yesterday", LexKind.Time)]
    public void Tags_become_typed_values(string code, string phrase, LexKind kind)
    {
        var pack = LanguagePack.Load(code);
        Assert.True(pack.Lexicon.TryGetWord(phrase, out var groups), phrase);
        var e = groups.Single(g => g.Kind == kind).First;
        Assert.Equal((TimeTag.Day, -1.0), (e.Time, e.Value));
        // Every entry knows the row it came from, so a decision it makes can name it.
        var line = Array.FindIndex(File.ReadAllLines(Path.Combine(RepoPaths.Root, "data", "lang", code, "time.tsv")), l => l.StartsWith(phrase + "\t", StringComparison.Ordinal)) + 1;
        Assert.Equal($"data/lang/{code}/time.tsv:{line}", e.Origin);
    }

    [Fact]
    public void Speaker_words_are_titles_bodies_of_a_source_kind_or_description_roles()
    {
        var pack = LanguagePack.Load("en");
        LexEntry Speaker(string p) => Assert.Single(pack.Lexicon.TryGetWord(p, out var g) ? g : [], x => x.Kind == LexKind.Speaker).First;
        Assert.Equal((SpeakerRole.Pronoun, SourceKind.Unspecified), (Speaker("he").SpeakerRole, Speaker("he").SourceKind));
        Assert.Equal(SpeakerRole.Body, Speaker("ministry").SpeakerRole);
        Assert.NotEqual(SourceKind.Unspecified, Speaker("ministry").SourceKind);
    }

    /// <summary>A copy of the English pack with one line of one file replaced (or added), loaded from disk.</summary>
    private static Exception LoadBroken(string file, string? find, string replacement)
    {
        using var d = new TempDir();
        var src = Path.Combine(RepoPaths.Root, "data", "lang", "en");
        var dst = Path.Combine(d.Path, "data", "lang", "xx");
        Directory.CreateDirectory(dst);
        foreach (var f in Directory.GetFiles(src)) File.Copy(f, Path.Combine(dst, Path.GetFileName(f)));
        var path = Path.Combine(dst, file);
        var text = File.ReadAllText(path);
        text = find is null ? text.TrimEnd('\n') + "\n" + replacement + "\n" : ReplaceLine(text, find, replacement);
        File.WriteAllText(path, text);
        Assert.Equal("English", LanguagePack.Load("en", DataFiles.Source.Folder(Path.Combine(RepoPaths.Root))).Name);
        return Assert.ThrowsAny<Exception>(() => LanguagePack.Load("xx", DataFiles.Source.Folder(d.Path)));
    }

    private static string ReplaceLine(string text, string startsWith, string replacement)
    {
        var lines = text.Split('\n');
        int i = Array.FindIndex(lines, l => l.StartsWith(startsWith, StringComparison.Ordinal));
        Assert.True(i >= 0, $"no line starts with '{startsWith}'");
        lines[i] = replacement;
        return string.Join('\n', lines);
    }

    [Fact]
    public void A_misspelt_time_tag_fails_the_load_naming_the_file_line_and_allowed_tags()
    {
        var e = LoadBroken("time.tsv", null, "overmorrow\ttomorow\t1");
        Assert.IsType<InvalidDataException>(e);
        Assert.Matches(@"^data/lang/xx/time\.tsv:\d+: field 2: 'tomorow' is not one of ago, day, .*part_of_day.*year_word$", e.Message);
    }

    [Fact]
    public void A_misspelt_speaker_kind_fails_the_load_instead_of_reading_as_unspecified()
    {
        var e = LoadBroken("speakers.tsv", null, "coastguard\tgovernmnet");
        Assert.Matches(@"^data/lang/xx/speakers\.tsv:\d+: field 2: 'governmnet' is not one of -, link, at, aux, pronoun, anaphor, government, ", e.Message);
        Assert.Contains("speakers.tsv", LoadBroken("speakers.tsv", null, "coastguard\tgovernment\tweek").Message);
    }

    [Theory]
    [InlineData("units.tsv", "ages\tbefor", "'befor' is not one of after, before, both")]
    [InlineData("reporting.tsv", "told\tsay\teither_side", "'either_side' is not one of either, before, after, self")]
    [InlineData("qualifiers.tsv", "at most\tmax\tpots", "'pots' is not one of (empty), pre, post, both")]
    public void A_misspelt_position_fails_the_load(string file, string line, string message)
    {
        var e = LoadBroken(file, null, line);
        Assert.Contains($"data/lang/xx/{file}:", e.Message);
        Assert.EndsWith(message, e.Message);
    }

    [Fact]
    public void Meta_keys_are_checked_a_missing_required_key_an_unknown_key_and_a_bad_value_fail()
    {
        Assert.Equal("data/lang/xx/meta.tsv: the required key 'adjectives' is missing", LoadBroken("meta.tsv", "adjectives", "").Message);
        Assert.Matches(@"^data/lang/xx/meta\.tsv:\d+: unknown key 'adjective' \(allowed: name, decimal, thousands, adjectives, country\)$",
            LoadBroken("meta.tsv", "adjectives", "adjective\tbefore").Message);
        Assert.EndsWith("'sideways' is not one of before, after", LoadBroken("meta.tsv", "adjectives", "adjectives\tsideways").Message);
        Assert.Contains("is not an ISO 3166-1 alpha-2 code", LoadBroken("meta.tsv", null, "country\tGreat Britain").Message);
        Assert.Contains("'dot' is not one of", LoadBroken("meta.tsv", "decimal", "decimal\tdot").Message);
    }

    [Fact]
    public void The_stopwords_are_loaded_once_by_the_pack_loader_for_packs_and_the_detector_alike()
    {
        var words = LanguagePack.LoadStopwords("id");
        Assert.Contains("yang", (IReadOnlySet<string>)words);
        Assert.True(LanguagePack.Load("id").Stopwords.SetEquals(words));
        // A folder without a complete pack still has its function words for the detector.
        Assert.Empty(LanguagePack.LoadStopwords("xx"));
    }
}
