using System.Text;
using Tally.Languages;

namespace Tally.Documents;

/// <summary>
/// Removes page clutter ("Baca juga: ...", "ADVERTISEMENT", "Scroll to Top", share prompts) line by line,
/// with the rules of every language pack (an English page may carry Indonesian furniture and the other way round).
/// The result is the text every offset refers to.
/// </summary>
public sealed class TextCleaner
{
    private readonly ClutterRule[] _rules;

    public TextCleaner(IEnumerable<LanguagePack> packs)
    {
        _rules = packs.SelectMany(p => p.Clutter).ToArray();
    }

    public string Clean(string body)
    {
        var sb = new StringBuilder(body.Length);
        bool lastBlank = true;
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.TrimEnd();
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                bool drop = false;
                foreach (var r in _rules)
                {
                    if (r.Scope == ClutterScope.Line)
                    {
                        if (r.Pattern.IsMatch(trimmed)) { drop = true; break; }
                    }
                    else
                    {
                        var m = r.Pattern.Match(line);
                        if (m.Success) line = line[..m.Index].TrimEnd();
                    }
                }
                if (drop || line.Trim().Length == 0) continue;
            }
            bool blank = trimmed.Length == 0;
            if (blank && lastBlank) continue;
            sb.Append(line.TrimStart(' ', '\t')).Append('\n');
            lastBlank = blank;
        }
        while (sb.Length > 0 && char.IsWhiteSpace(sb[^1])) sb.Length--;
        return sb.ToString();
    }
}
