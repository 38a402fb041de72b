namespace Tally.Documents;

/// <summary>The language to use: a fixed code, or "auto" (declared by the input, else detected).</summary>
public sealed record LanguageChoice(string Mode)
{
    public static LanguageChoice Auto { get; } = new("auto");
    public bool IsAuto => Mode.Equals("auto", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Turns a read document into the one extraction works on: clutter removed, title and body joined
/// ("title\n\nbody"), language settled. A document in a language Tally does not support is refused with a reason.
/// </summary>
public sealed class DocumentPreparer(TextCleaner cleaner, ILanguageDetector detector, Func<string, bool> supported, bool trustDeclaredLanguage = true)
{
    public bool TryPrepare(SourceDocument src, LanguageChoice choice, out Document? document, out string? why)
    {
        document = null; why = null;
        var body = cleaner.Clean(src.Body);
        var title = src.Title is null ? null : cleaner.Clean(src.Title).ReplaceLineEndings(" ").Trim();
        if (string.IsNullOrEmpty(title)) title = null;
        if (body.Length == 0 && title is null) { why = "no text left after removing page clutter"; return false; }
        var text = title is null ? body : body.Length == 0 ? title : title + Document.TitleSeparator + body;

        string? lang;
        if (!choice.IsAuto) lang = choice.Mode.ToLowerInvariant();
        else
        {
            lang = trustDeclaredLanguage && src.DeclaredLanguage is { Length: >= 2 } d && supported(Short(d)) ? Short(d) : detector.Detect(text);
            if (lang is null) { why = "language is not one Tally supports" + (src.DeclaredLanguage is { } dl ? $" (declared '{dl}')" : ""); return false; }
        }
        if (!supported(lang)) { why = $"language '{lang}' is not supported"; return false; }

        document = new Document
        {
            Id = src.Id, Url = src.Url, Title = title, Language = lang, Published = src.Published,
            PublishedHasTime = src.PublishedHasTime, PublishedHasOffset = src.PublishedHasOffset,
            Text = text, TitleLength = title?.Length ?? 0, Outlet = src.Outlet, Origin = src.Origin,
        };
        return true;
    }

    private static string Short(string code) => code.Split('-', '_')[0].ToLowerInvariant();
}
