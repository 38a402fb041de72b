using Tally.Languages;
using Tally.Text;

namespace Tally.Tests.Units;

/// <summary>A text analysed with a language pack, as the extractor's stages see it (no cleaning, no detection).</summary>
internal static class Analyze
{
    public static AnalyzedText Text(string text, string language) => TextAnalyzer.Analyze(text, LanguageRegistry.Default.Get(language));
}
