using System.Collections.Frozen;
using Tally.Model;

namespace Tally.Languages;

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
    /// <summary>The thousands separator of the language's number convention.</summary>
    public required char ThousandsMark { get; init; }
    /// <summary>Where adjectives and nationality words stand to their noun (meta.tsv "adjectives").</summary>
    public required AdjectivePosition Adjectives { get; init; }
    /// <summary>The country whose outlets write mostly in this language (meta.tsv "country", ISO 3166-1 alpha-2), if one does:
    /// the place of a figure when a document names no other.</summary>
    public string? HomeCountry { get; init; }
    public required PhraseTrie<LexGroup> Lexicon { get; init; }
    public required FrozenSet<string> Abbreviations { get; init; }
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

    /// <summary>The keys meta.tsv may have; each is required unless marked optional.</summary>
    private static readonly (string Key, bool Optional)[] MetaKeys = [("name", false), ("decimal", false), ("thousands", false), ("adjectives", false), ("country", true)];

    /// <summary>A language's function words (stopwords.tsv; none when the folder has no such file).</summary>
    public static FrozenSet<string> LoadStopwords(string code, DataFiles.Source? source = null) =>
        (source ?? DataFiles.Source.Embedded).Rows($"data/lang/{code}/stopwords.tsv", optional: true).Select(r => r[0]).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Loads a pack. Every tag column and meta key is parsed here: an unknown value, a missing required key or an unknown
    /// key fails the load with the file, the line and the allowed values.
    /// </summary>
    public static LanguagePack Load(string code, DataFiles.Source? source = null)
    {
        var data = source ?? DataFiles.Source.Embedded;
        var dir = $"data/lang/{code}/";
        if (!data.Exists(dir + "meta.tsv")) throw new ArgumentException($"no language pack for '{code}' (have: {string.Join(", ", Available)})");
        var meta = LoadMeta(data, dir + "meta.tsv");
        var suffixes = data.Rows(dir + "suffixes.tsv", optional: true).Select(r => r[0]).ToArray();

        var byPhrase = new Dictionary<(string, LexKind), List<LexEntry>>();
        void Add(LexEntry e)
        {
            var key = (e.Phrase, e.Kind);
            if (!byPhrase.TryGetValue(key, out var list)) byPhrase[key] = list = [];
            list.Add(e);
        }

        foreach (var file in Files)
        {
            foreach (var row in data.Rows(dir + file + ".tsv", optional: file is "weekdays" or "time" or "contexts" or "zero" or "modality" or "nonnumbers" or "speakers"))
            {
                var phrase = row[0];
                if (phrase.Length == 0) throw row.Error("empty phrase");
                var entry = file switch
                {
                    "numbers" => new LexEntry { Kind = LexKind.Number, Phrase = phrase, Value = row.Double(1), NumberKind = Parse<NumberWordKind>(row, 2) },
                    "vague" => new LexEntry { Kind = LexKind.Vague, Phrase = phrase, Low = row.Long(1), High = row.Long(2), RestatesFrom = row.Long(3) },
                    "qualifiers" => new LexEntry
                    {
                        Kind = LexKind.Qualifier, Phrase = phrase, Qualifier = Parse<QualifierKind>(row, 1),
                        PrePosition = OneOf(row, 2, "", "pre", "post", "both") is "" or "pre" or "both", PostPosition = row[2] is "post" or "both",
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
                    "units" => new LexEntry { Kind = LexKind.Unit, Phrase = phrase, UnitPosition = row[1].Length == 0 ? UnitPosition.After : Parse<UnitPosition>(row, 1) },
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
                    "reporting" => new LexEntry
                    {
                        Kind = LexKind.Reporting, Phrase = phrase, Frame = Parse<ReportingFrame>(row, 1),
                        SpeakerAt = row[2].Length == 0 ? SpeakerPosition.Either : Parse<SpeakerPosition>(row, 2),
                    },
                    "speakers" => Speaker(row, phrase),
                    "months" => new LexEntry { Kind = LexKind.Month, Phrase = phrase, Value = row.Long(1) },
                    "weekdays" => new LexEntry { Kind = LexKind.Weekday, Phrase = phrase, Value = row.Long(1) },
                    "time" => new LexEntry { Kind = LexKind.Time, Phrase = phrase, Time = Parse<TimeTag>(row, 1), Value = row.Count > 2 && row[2].Length > 0 ? row.Double(2) : 0 },
                    "contexts" => new LexEntry { Kind = LexKind.Context, Phrase = phrase, Context = Parse<ContextKind>(row, 1) },
                    "nonnumbers" => new LexEntry { Kind = LexKind.NotNumber, Phrase = phrase },
                    _ => throw new InvalidOperationException(file),
                };
                entry.Origin = $"{row.File}:{row.Line}";
                Add(entry);
            }
        }

        var trie = new PhraseTrie<LexGroup>(suffixes);
        foreach (var ((phrase, kind), list) in byPhrase) trie.Add(phrase, new LexGroup(kind, list.ToArray()));

        return new LanguagePack
        {
            Code = code,
            Name = meta["name"].Value,
            DecimalMark = Mark(meta["decimal"]),
            ThousandsMark = Mark(meta["thousands"]),
            Adjectives = Parse<AdjectivePosition>(meta["adjectives"].Row, 1),
            HomeCountry = meta.TryGetValue("country", out var home) ? Country(home) : null,
            Lexicon = trie,
            Abbreviations = data.Rows(dir + "abbreviations.tsv", optional: true).Select(r => r[0]).ToFrozenSet(StringComparer.Ordinal),
            Stopwords = LoadStopwords(code, data),
            NonDistinctive = data.Rows(dir + "nondistinctive.tsv", optional: true).Select(r => r[0]).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            NumberWords = byPhrase.Where(kv => kv.Key.Item2 == LexKind.Number && !kv.Key.Item1.Contains(' '))
                .ToFrozenDictionary(kv => kv.Key.Item1, kv => kv.Value[0], StringComparer.OrdinalIgnoreCase),
        };
    }

    private static Dictionary<string, (string Value, DataFiles.Row Row)> LoadMeta(DataFiles.Source data, string path)
    {
        var meta = new Dictionary<string, (string, DataFiles.Row)>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in data.Rows(path))
        {
            if (!MetaKeys.Any(k => k.Key.Equals(row[0], StringComparison.OrdinalIgnoreCase)))
                throw row.Error($"unknown key '{row[0]}' (allowed: {string.Join(", ", MetaKeys.Select(k => k.Key))})");
            if (!meta.TryAdd(row[0], (row[1], row))) throw row.Error($"key '{row[0]}' given twice");
        }
        foreach (var (key, optional) in MetaKeys)
            if (!optional && !meta.ContainsKey(key)) throw new InvalidDataException($"{path}: the required key '{key}' is missing");
        return meta;
    }

    private static char Mark((string Value, DataFiles.Row Row) m) =>
        m.Value is [var c] && c is '.' or ',' or ' ' or '\'' ? c : throw m.Row.Error($"'{m.Value}' is not one of: . , ' (a space)");

    private static string Country((string Value, DataFiles.Row Row) m) =>
        m.Value.Length == 2 && char.IsAsciiLetterUpper(m.Value[0]) && char.IsAsciiLetterUpper(m.Value[1]) ? m.Value
            : throw m.Row.Error($"'{m.Value}' is not an ISO 3166-1 alpha-2 code in capitals (ID, MY)");

    /// <summary>speakers.tsv: phrase, kind (a role word or a source kind), strength ("weak" for generic words; default strong).</summary>
    private static LexEntry Speaker(DataFiles.Row row, string phrase)
    {
        var kind = row[1];
        SpeakerRole role;
        SourceKind source = SourceKind.Unspecified;
        // "-" is a title; a word role is its name (link, at, aux, pronoun, anaphor); anything else names a source kind.
        var words = Enum.GetValues<SpeakerRole>().Where(r => r is not (SpeakerRole.Title or SpeakerRole.Body)).ToArray();
        if (kind == "-") role = SpeakerRole.Title;
        else if (words.FirstOrDefault(r => Snake(r.ToString()) == kind) is var w && w != default) role = w;
        else if (Names.TrySourceKind(kind, out source) && source != SourceKind.Unspecified) role = SpeakerRole.Body;
        else throw row.Error($"field 2: '{kind}' is not one of -, {string.Join(", ", words.Select(r => Snake(r.ToString())))}, "
            + string.Join(", ", Enum.GetValues<SourceKind>().Where(k => k != SourceKind.Unspecified).Select(Names.Of)));
        var strength = OneOf(row, 2, "", "strong", "weak") == "weak" ? CueStrength.Weak : CueStrength.Strong;
        return new LexEntry { Kind = LexKind.Speaker, Phrase = phrase, SpeakerRole = role, SourceKind = source, Strength = strength };
    }

    private static string OneOf(DataFiles.Row row, int field, params string[] allowed) =>
        allowed.Contains(row[field]) ? row[field]
            : throw row.Error($"field {field + 1}: '{row[field]}' is not one of {string.Join(", ", allowed.Select(a => a.Length == 0 ? "(empty)" : a))}");

    private static T Parse<T>(DataFiles.Row row, int field) where T : struct, Enum
    {
        var s = row[field].Replace("_", "");
        return Enum.TryParse<T>(s, ignoreCase: true, out var v) && Enum.IsDefined(v) && !char.IsAsciiDigit(s.FirstOrDefault()) ? v
            : throw row.Error($"field {field + 1}: '{row[field]}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(Snake))}");
    }

    /// <summary>"PartOfDay" → "part_of_day": an enum value as the data files write it.</summary>
    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
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
