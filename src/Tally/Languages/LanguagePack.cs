using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Tally.Model;

namespace Tally.Languages;

/// <summary>How a clutter pattern removes text: the whole line, or from the match to the end of the line.</summary>
public enum ClutterScope { Line, Tail }

public sealed record ClutterRule(Regex Pattern, ClutterScope Scope);

/// <summary>
/// Everything the engine knows about one language, loaded from the files under data/lang/&lt;code&gt;/.
/// The engine has no language knowledge of its own: adding a language is adding such a folder.
/// </summary>
public sealed class LanguagePack
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>The decimal mark of the language's number convention ("," in Indonesian, "." in English).</summary>
    public required char DecimalMark { get; init; }
    public required PhraseTrie<LexGroup> Lexicon { get; init; }
    public required FrozenSet<string> Abbreviations { get; init; }
    public required IReadOnlyList<ClutterRule> Clutter { get; init; }
    public required IReadOnlyDictionary<string, string> Meta { get; init; }
    /// <summary>Frequent function words (stopwords.tsv), for the fallback language guesser.</summary>
    public required FrozenSet<string> Stopwords { get; init; }

    /// <summary>Is the word (any case) one of the language's stopwords? No string is made.</summary>
    public bool IsStopword(ReadOnlySpan<char> word) => Stopwords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    /// <summary>Words that never tell two speakers apart (nondistinctive.tsv): articles, pronouns, generic titles.</summary>
    public required FrozenSet<string> NonDistinctive { get; init; }
    /// <summary>Single-word number words by spelling, for the parts of hyphenated numbers ("twenty-five").</summary>
    public required FrozenDictionary<string, LexEntry> NumberWords { get; init; }

    private static readonly string[] Files =
    [
        "numbers", "vague", "qualifiers", "categories", "people", "units", "hedges", "modality", "syntax", "zero",
        "reporting", "months", "weekdays", "time", "contexts", "nonnumbers", "speakers",
    ];

    /// <summary>The languages whose folders are embedded with a complete pack (a meta.tsv), by code. A folder with only
    /// some files (a pack being written, or only clutter rules) is not a language Tally supports yet.</summary>
    public static IReadOnlyList<string> Available { get; } = DataFiles.List("data/lang/")
        .Select(n => n["data/lang/".Length..].Split('/')[0]).Distinct()
        .Where(c => DataFiles.Exists($"data/lang/{c}/meta.tsv")).OrderBy(c => c, StringComparer.Ordinal).ToArray();

    public static LanguagePack Load(string code)
    {
        var dir = $"data/lang/{code}/";
        if (!DataFiles.Exists(dir + "meta.tsv")) throw new ArgumentException($"no language pack for '{code}' (have: {string.Join(", ", Available)})");
        var meta = DataFiles.Rows(dir + "meta.tsv").ToDictionary(r => r[0], r => r[1], StringComparer.OrdinalIgnoreCase);
        var suffixes = DataFiles.Rows(dir + "suffixes.tsv", optional: true).Select(r => r[0]).ToArray();

        var byPhrase = new Dictionary<(string, LexKind), List<LexEntry>>();
        void Add(LexEntry e)
        {
            var key = (e.Phrase, e.Kind);
            if (!byPhrase.TryGetValue(key, out var list)) byPhrase[key] = list = [];
            list.Add(e);
        }

        foreach (var file in Files)
        {
            foreach (var row in DataFiles.Rows(dir + file + ".tsv", optional: file is "weekdays" or "time" or "contexts" or "zero" or "modality" or "nonnumbers" or "speakers"))
            {
                var phrase = row[0];
                if (phrase.Length == 0) throw row.Error("empty phrase");
                Add(file switch
                {
                    "numbers" => new LexEntry { Kind = LexKind.Number, Phrase = phrase, Value = row.Double(1), NumberKind = Parse<NumberWordKind>(row, 2) },
                    "vague" => new LexEntry { Kind = LexKind.Vague, Phrase = phrase, Low = row.Long(1), High = row.Long(2), RestatesFrom = row.Long(3) },
                    "qualifiers" => new LexEntry
                    {
                        Kind = LexKind.Qualifier, Phrase = phrase, Qualifier = Parse<QualifierKind>(row, 1),
                        PrePosition = row[2] is "" or "pre" or "both", PostPosition = row[2] is "post" or "both",
                    },
                    "categories" => new LexEntry
                    {
                        Kind = LexKind.Category, Phrase = phrase,
                        Category = row[1] == "-" ? null : (Names.TryCategory(row[1], out var c) ? c : throw row.Error($"unknown category '{row[1]}'")),
                        Direction = Parse<CueDirection>(row, 2), Strength = Parse<CueStrength>(row, 3),
                    },
                    "people" => new LexEntry
                    {
                        Kind = LexKind.People, Phrase = phrase,
                        Role = Names.TryRole(row[1], out var r) ? r : throw row.Error($"unknown role '{row[1]}'"),
                        PeopleKind = Parse<PeopleKind>(row, 2),
                    },
                    "units" => new LexEntry { Kind = LexKind.Unit, Phrase = phrase, Tag = row[1].Length == 0 ? "after" : row[1] },
                    "hedges" => new LexEntry
                    {
                        Kind = LexKind.Hedge, Phrase = phrase,
                        Certainty = Names.TryCertainty(row[1], out var ce) ? ce : throw row.Error($"unknown certainty '{row[1]}'"),
                    },
                    "modality" => new LexEntry { Kind = LexKind.Modality, Phrase = phrase, Modality = Parse<ModalityKind>(row, 1) },
                    "syntax" => new LexEntry { Kind = LexKind.Syntax, Phrase = phrase, Syntax = Parse<SyntaxRole>(row, 1) },
                    "zero" => new LexEntry
                    {
                        Kind = LexKind.Zero, Phrase = phrase,
                        Category = Names.TryCategory(row[1], out var zc) ? zc : throw row.Error($"unknown category '{row[1]}'"),
                    },
                    "reporting" => new LexEntry { Kind = LexKind.Reporting, Phrase = phrase, Frame = Parse<ReportingFrame>(row, 1), Tag = row[2].Length == 0 ? "either" : row[2] },
                    "speakers" => new LexEntry { Kind = LexKind.Speaker, Phrase = phrase, Tag = row[1], Strength = row[2] == "weak" ? CueStrength.Weak : CueStrength.Strong },
                    "months" => new LexEntry { Kind = LexKind.Month, Phrase = phrase, Value = row.Long(1) },
                    "weekdays" => new LexEntry { Kind = LexKind.Weekday, Phrase = phrase, Value = row.Long(1) },
                    "time" => new LexEntry { Kind = LexKind.Time, Phrase = phrase, Tag = row[1], Value = row.Count > 2 && row[2].Length > 0 ? row.Double(2) : 0 },
                    "contexts" => new LexEntry { Kind = LexKind.Context, Phrase = phrase, Context = Parse<ContextKind>(row, 1) },
                    "nonnumbers" => new LexEntry { Kind = LexKind.NotNumber, Phrase = phrase },
                    _ => throw new InvalidOperationException(file),
                });
            }
        }

        var trie = new PhraseTrie<LexGroup>(suffixes);
        foreach (var ((phrase, kind), list) in byPhrase) trie.Add(phrase, new LexGroup(kind, list.ToArray()));

        var clutter = DataFiles.Rows(dir + "clutter.tsv", optional: true).Select(r => new ClutterRule(
            new Regex(r[0], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1)),
            r[1] == "tail" ? ClutterScope.Tail : ClutterScope.Line)).ToArray();

        return new LanguagePack
        {
            Code = code,
            Name = meta.GetValueOrDefault("name", code),
            DecimalMark = meta.TryGetValue("decimal", out var dm) && dm.Length == 1 ? dm[0] : '.',
            Lexicon = trie,
            Abbreviations = DataFiles.Rows(dir + "abbreviations.tsv", optional: true).Select(r => r[0]).ToFrozenSet(StringComparer.Ordinal),
            Clutter = clutter,
            Meta = meta,
            Stopwords = DataFiles.Rows(dir + "stopwords.tsv", optional: true).Select(r => r[0]).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            NonDistinctive = DataFiles.Rows(dir + "nondistinctive.tsv", optional: true).Select(r => r[0]).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            NumberWords = byPhrase.Where(kv => kv.Key.Item2 == LexKind.Number && !kv.Key.Item1.Contains(' '))
                .ToFrozenDictionary(kv => kv.Key.Item1, kv => kv.Value[0], StringComparer.OrdinalIgnoreCase),
        };
    }

    private static T Parse<T>(DataFiles.Row row, int field) where T : struct, Enum
    {
        var s = row[field].Replace("_", "");
        return Enum.TryParse<T>(s, ignoreCase: true, out var v) ? v
            : throw row.Error($"field {field + 1}: '{row[field]}' is not one of {string.Join(", ", Enum.GetNames<T>()).ToLowerInvariant()}");
    }
}

/// <summary>Loads each language pack once and hands out the same instance (packs are immutable).</summary>
public sealed class LanguageRegistry
{
    private readonly Dictionary<string, Lazy<LanguagePack>> _packs;

    public LanguageRegistry(IEnumerable<string>? codes = null)
    {
        _packs = (codes ?? LanguagePack.Available).ToDictionary(c => c,
            c => new Lazy<LanguagePack>(() => LanguagePack.Load(c), LazyThreadSafetyMode.ExecutionAndPublication), StringComparer.OrdinalIgnoreCase);
    }

    public static LanguageRegistry Default { get; } = new();

    public IEnumerable<string> Codes => _packs.Keys;
    public bool Supports(string code) => _packs.ContainsKey(code);
    public LanguagePack Get(string code) => _packs.TryGetValue(code, out var p) ? p.Value
        : throw new ArgumentException($"language '{code}' is not supported (have: {string.Join(", ", _packs.Keys)})");
}
