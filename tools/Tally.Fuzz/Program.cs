using System.Text;
using System.Text.RegularExpressions;
using SharpFuzz;
using Tally;
using Tally.Documents;
using Tally.Extraction;

namespace Tally.Fuzz;

/// <summary>
/// Fuzzing targets for afl-fuzz through SharpFuzz (scripts/fuzz runs them).
///   Tally.Fuzz reader|extract             under afl-fuzz: one input per execution, in this process (Fuzzer.Run)
///   Tally.Fuzz replay reader|extract F... runs saved inputs once each and says which fail, and how
///   Tally.Fuzz export reader|extract F... DIR   writes each input as the file the regression tests read
///
/// reader: the input's first byte picks the file extension (Kinds), the rest is the file's bytes; they go through
/// Pipeline.Run on that file, the path `tally extract FILE` takes (read, clean, settle the language, extract).
/// extract: the first byte picks the language (Languages), the rest, decoded as UTF-8, is a document body that goes
/// through Pipeline.Process (clean, extract) with that language.
///
/// A finding is an exception that escapes, an error line that reports an exception the code caught with a catch-all
/// (Pipeline's "extraction failed: X", a reader's "cannot read HTML: NullReferenceException: ..."), or a claim whose
/// evidence does not index the document text.
/// </summary>
public static partial class Program
{
    /// <summary>File extensions the reader target tries; the input's first byte modulo the count picks one.</summary>
    public static readonly string[] Kinds = [".txt", ".html", ".rss", ".atom", ".json", ".jsonl", "", ".xml"];

    /// <summary>Languages the extract target tries; the input's first byte modulo the count picks one.</summary>
    public static readonly string[] Languages = ["id", "en", "ms"];

    private static readonly DateTimeOffset Published = new(2024, 5, 17, 0, 0, 0, TimeSpan.Zero);

    public static int Main(string[] args)
    {
        if (args.Length >= 1 && args[0] is "reader" or "extract")
        {
            var target = Target(args[0]);
            Fuzzer.Run(stream =>
            {
                using var ms = new MemoryStream();
                stream.CopyTo(ms);
                target(ms.ToArray());
            });
            return 0;
        }
        if (args.Length >= 3 && args[0] == "replay")
        {
            var target = Target(args[1]);
            int failed = 0;
            foreach (var file in args[2..])
            {
                try
                {
                    var what = target(File.ReadAllBytes(file));
                    Console.WriteLine($"ok      {file}: {what}");
                }
                catch (Exception e)
                {
                    failed++;
                    Console.WriteLine($"FINDING {file}: {e.GetType().Name}: {OneLine(e.Message)}");
                    var frame = e.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Tally.") && !l.Contains("Tally.Fuzz"))?.Trim();
                    if (frame is not null) Console.WriteLine($"        {frame}");
                }
            }
            return failed == 0 ? 0 : 1;
        }
        if (args.Length >= 4 && args[0] == "export")
        {
            var dir = args[^1];
            Directory.CreateDirectory(dir);
            foreach (var file in args[2..^1])
            {
                var bytes = File.ReadAllBytes(file);
                if (bytes.Length == 0) continue;
                var name = "afl-" + Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(bytes))[..10].ToLowerInvariant();
                var path = args[1] == "reader"
                    ? Path.Combine(dir, name + (Kinds[bytes[0] % Kinds.Length] is { Length: > 0 } ext ? ext : ".input"))
                    : Path.Combine(dir, $"{name}.{Languages[bytes[0] % Languages.Length]}.txt");
                File.WriteAllBytes(path, args[1] == "reader" ? bytes[1..] : Encoding.UTF8.GetBytes(Decode(bytes[1..])));
                Console.WriteLine(path);
            }
            return 0;
        }
        if (args.Length == 2 && args[0] == "dict")
        {
            foreach (var line in Dictionary(args[1])) Console.WriteLine(line);
            return 0;
        }
        Console.Error.WriteLine("usage: Tally.Fuzz reader|extract | replay reader|extract FILE... | export reader|extract FILE... DIR | dict DATA_LANG_DIR");
        return 2;
    }

    private static Func<byte[], string> Target(string name)
    {
        Func<byte[], string> target = name switch
        {
            "reader" => ReadTarget,
            "extract" => ExtractTarget,
            _ => throw new ArgumentException($"unknown target '{name}' (reader or extract)"),
        };
        // TALLY_FUZZ_SELFTEST=1 checks the script's handling of findings: an input holding "SELFTEST-HANG" hangs and one
        // holding "SELFTEST-CRASH" throws, as a bug would.
        if (Environment.GetEnvironmentVariable("TALLY_FUZZ_SELFTEST") != "1") return target;
        return input =>
        {
            var text = Encoding.Latin1.GetString(input);
            if (text.Contains("SELFTEST-HANG")) Thread.Sleep(Timeout.Infinite);
            if (text.Contains("SELFTEST-CRASH")) throw new FuzzFinding("self-test crash");
            return target(input);
        };
    }

    private static readonly Lazy<Pipeline> AutoPipeline = new(() => new Pipeline(new PipelineOptions
    {
        Read = new ReadOptions { MaxBytes = 1 << 20, Published = Published },
    }));

    private static readonly Dictionary<string, Pipeline> ByLanguage = [];

    private static string? _scratch;

    /// <summary>The input's bytes as a file of the kind its first byte names, read as `tally extract FILE` reads it.</summary>
    public static string ReadTarget(byte[] input)
    {
        // An empty input still goes through the reader (an empty .txt): afl-fuzz wants every run to show coverage, and
        // takes a resumed session for uninstrumented when its first input does not ("No instrumentation detected").
        var ext = input.Length == 0 ? ".txt" : Kinds[input[0] % Kinds.Length];
        _scratch ??= Directory.CreateTempSubdirectory("tally-fuzz-").FullName;
        var path = Path.Combine(_scratch, "input" + ext);
        File.WriteAllBytes(path, input.Length == 0 ? [] : input.AsSpan(1).ToArray());
        var errors = new List<ReadError>();
        int documents = 0, claims = 0;
        foreach (var result in AutoPipeline.Value.Run([path], errors.Add)) { Check(result); documents++; claims += result.Claims.Count; }
        Judge(errors);
        return $"{ext} {documents} documents, {claims} claims, {errors.Count} error lines" + (errors.Count > 0 ? $" ({errors[0].Reason})" : "");
    }

    /// <summary>The input (after its language byte) as a document body of that language, cleaned and extracted.</summary>
    public static string ExtractTarget(byte[] input)
    {
        var lang = input.Length == 0 ? Languages[0] : Languages[input[0] % Languages.Length];
        if (!ByLanguage.TryGetValue(lang, out var pipeline))
            ByLanguage[lang] = pipeline = new Pipeline(new PipelineOptions { Language = new LanguageChoice(lang) });
        var src = new SourceDocument { Id = "fuzz", Origin = "fuzz", Body = input.Length == 0 ? "" : Decode(input.AsSpan(1)), Published = Published };
        var errors = new List<ReadError>();
        var result = pipeline.Process(src, errors.Add);
        if (result is not null) Check(result);
        Judge(errors);
        return $"{lang} {result?.Claims.Count ?? 0} claims, {result?.Candidates.Count ?? 0} figures, {errors.Count} error lines";
    }

    /// <summary>
    /// An afl-fuzz dictionary of the words extraction reacts to: the first column of every lexicon file of every language
    /// folder (number words, magnitudes, qualifiers, cues, people nouns, time words, months...), so mutations splice them.
    /// </summary>
    private static IEnumerable<string> Dictionary(string langDir)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(langDir, "*.tsv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) is "clutter.tsv" or "meta.tsv" or "stopwords.tsv") continue;
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length == 0 || line[0] == '#') continue;
                var word = line.Split('\t')[0].Trim();
                var bytes = Encoding.UTF8.GetBytes(word);
                if (bytes.Length is 0 or > 64 || !seen.Add(word)) continue;
                var sb = new StringBuilder("\"");
                foreach (var b in bytes)
                    sb.Append(b is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:x2}");
                yield return sb.Append('"').ToString();
            }
        }
    }

    private static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>Every claim's evidence is the slice of the document text it says it is, and its count is in the text.</summary>
    private static void Check(ExtractionResult result)
    {
        var text = result.Document.Text;
        foreach (var c in result.Claims)
        {
            var e = c.Evidence;
            if (e.Start < 0 || e.End > text.Length || e.Start > e.End)
                throw new FuzzFinding($"evidence [{e.Start},{e.End}) outside the text (length {text.Length})");
            if (!text.AsSpan(e.Start, e.End - e.Start).SequenceEqual(e.Sentence))
                throw new FuzzFinding($"evidence [{e.Start},{e.End}) is not the sentence the claim shows");
            if (c.Count.Text.Length == 0 || !text.Contains(c.Count.Text, StringComparison.Ordinal))
                throw new FuzzFinding($"count text '{c.Count.Text}' is not in the document");
        }
    }

    /// <summary>An error line that reports a caught programming error (not a bad-input error) is a finding.</summary>
    private static void Judge(List<ReadError> errors)
    {
        foreach (var e in errors)
            if (IsMaskedBug(e.Reason)) throw new FuzzFinding($"error line reports an internal failure: {e}");
    }

    /// <summary>
    /// True when an error line reports an exception the code should not throw on any input: Pipeline's catch-alls
    /// ("extraction failed: ...", "cannot prepare the text: ...") or a programming error type in a reader's catch-all.
    /// </summary>
    public static bool IsMaskedBug(string reason) =>
        reason.StartsWith("extraction failed:", StringComparison.Ordinal)
        || reason.StartsWith("cannot prepare the text:", StringComparison.Ordinal)
        || BugException().IsMatch(reason);

    [GeneratedRegex(@"\b(NullReference|IndexOutOfRange|ArgumentOutOfRange|ArgumentNull|Argument|InvalidOperation|InvalidCast|KeyNotFound|DivideByZero|Overflow|NotSupported|NotImplemented|Format|Arithmetic|RegexMatchTimeout)Exception\b")]
    private static partial Regex BugException();

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}

/// <summary>An input that broke a rule of the target.</summary>
public sealed class FuzzFinding(string message) : Exception(message);
