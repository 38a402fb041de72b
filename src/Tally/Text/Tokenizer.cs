using System.Globalization;

namespace Tally.Text;

/// <summary>
/// Splits text into words, numbers and punctuation in one pass, as spans.
/// Words keep inner hyphens and apostrophes ("luka-luka", "twenty-five", "Ukraine's" splits off "'s");
/// numbers keep inner separators followed by digits ("4.700", "1,5", "10,000"); dotted initials stay whole ("U.S.").
/// </summary>
public static class Tokenizer
{
    // A scratch list per thread: only the result array is allocated per text.
    [ThreadStatic] private static List<Token>? t_scratch;

    public static Token[] Tokenize(string text)
    {
        var list = t_scratch ??= new List<Token>(1024);
        list.Clear();
        Tokenize(text, list);
        var result = list.ToArray();
        if (list.Capacity > 1 << 20) t_scratch = null; // do not keep a huge document's buffer alive
        return result;
    }

    public static void Tokenize(string text, List<Token> into)
    {
        int i = 0, n = text.Length;
        bool space = true, lineStart = true;
        while (i < n)
        {
            char c = text[i];
            if (c == ' ') { space = true; i++; continue; }
            if (c == '\n') { lineStart = true; space = true; i++; continue; }
            if (char.IsWhiteSpace(c) || c == '\u00AD' || c == '\u200B' || c == '\uFEFF') { space = true; i++; continue; }

            var flags = (space ? TokenFlags.SpaceBefore : 0) | (lineStart ? TokenFlags.LineStart : 0);
            int start = i;
            if (char.IsDigit(c))
            {
                i++;
                while (i < n)
                {
                    if (char.IsDigit(text[i])) { i++; continue; }
                    if ((text[i] == '.' || text[i] == ',') && i + 1 < n && char.IsDigit(text[i + 1])) { i += 2; continue; }
                    break;
                }
                into.Add(new Token(start, i - start, TokenKind.Number, flags) { Hash = FoldedHash.Of(text.AsSpan(start, i - start)) });
            }
            else if (char.IsLetter(c))
            {
                i++;
                while (i < n)
                {
                    char d = text[i];
                    if (char.IsAsciiLetterOrDigit(d)) { i++; continue; }
                    if (d < 128 && d != '-' && d != '\'' && d != '.') break;
                    if (char.IsLetterOrDigit(d) || CharUnicodeInfo.GetUnicodeCategory(d) == UnicodeCategory.NonSpacingMark) { i++; continue; }
                    if ((d == '-' || d == '\u2011') && i + 1 < n && char.IsLetterOrDigit(text[i + 1])) { i += 2; flags |= TokenFlags.Hyphenated; continue; }
                    if ((d == '\'' || d == '\u2019') && i + 1 < n && char.IsLetter(text[i + 1]))
                    {
                        // English possessive 's is its own token; other apostrophes (O'Brien, don't) stay inside.
                        bool possessive = (text[i + 1] == 's' || text[i + 1] == 'S') && (i + 2 >= n || !char.IsLetter(text[i + 2]));
                        if (possessive) break;
                        i += 2; continue;
                    }
                    // Dotted initials: U.S., s.d., a.m.
                    if (d == '.' && i - start == 1 && i + 2 < n && char.IsLetter(text[i + 1]) && text[i + 2] == '.')
                    {
                        i += 3;
                        while (i + 1 < n && char.IsLetter(text[i]) && text[i + 1] == '.') i += 2;
                        break;
                    }
                    break;
                }
                var span = text.AsSpan(start, i - start);
                if (char.IsUpper(c))
                {
                    flags |= TokenFlags.Capitalized;
                    if (IsAllCaps(span)) flags |= TokenFlags.AllCaps;
                }
                into.Add(new Token(start, i - start, TokenKind.Word, flags) { Hash = FoldedHash.Of(span) });
            }
            else if ((c == '\'' || c == '\u2019') && i + 1 < n && (text[i + 1] == 's' || text[i + 1] == 'S') && (i + 2 >= n || !char.IsLetter(text[i + 2])) && (i == 0 || char.IsLetter(text[i - 1])))
            {
                // The possessive after a word; alone (i == 0) only in a lexicon phrase ("'s" in speakers.tsv).
                i += 2;
                into.Add(new Token(start, 2, TokenKind.Word, flags) { Hash = FoldedHash.Of(text.AsSpan(start, 2)) });
            }
            else
            {
                i += char.IsSurrogate(c) && i + 1 < n ? 2 : 1;
                into.Add(new Token(start, i - start, TokenKind.Punct, flags) { Hash = FoldedHash.Of(text.AsSpan(start, i - start)) });
            }
            space = false; lineStart = false;
        }
    }

    private static bool IsAllCaps(ReadOnlySpan<char> s)
    {
        int letters = 0;
        foreach (var ch in s)
        {
            if (char.IsLetter(ch)) { if (!char.IsUpper(ch)) return false; letters++; }
        }
        return letters >= 2;
    }
}
