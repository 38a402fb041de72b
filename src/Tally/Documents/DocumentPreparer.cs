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
/// <remarks>
/// The language, when the choice is "auto": the detector's answer on the cleaned text when it is confident (at least
/// <see cref="ConfidentAt"/>) and the text has the language's function words; otherwise the language the input
/// declares (news-please "language", HTML lang, a feed's language), if any; otherwise the detector's best plausible
/// guess. A document whose language is none Tally reads, or one whose pack is not complete (Malay today), is refused.
/// With <c>trustDeclaredLanguage</c> a supported declared language wins without detection (the old behaviour).
/// </remarks>
public sealed class DocumentPreparer(TextCleaner cleaner, ILanguageDetector detector, Func<string, bool> supported, bool trustDeclaredLanguage = false,
    Func<string, string, bool>? quickConfirm = null)
{
    /// <summary>Confidence from which detection overrules the declared language.</summary>
    public double ConfidentAt { get; init; } = 0.9;

    public bool TryPrepare(SourceDocument src, LanguageChoice choice, out Document? document, out string? why)
    {
        document = null; why = null;
        var body = cleaner.Clean(src.Body);
        var title = src.Title is null ? null : cleaner.CleanTitle(src.Title);
        if (string.IsNullOrEmpty(title)) title = null;
        if (body.Length == 0 && title is null) { why = "no text left after removing page clutter"; return false; }
        var text = title is null ? body : body.Length == 0 ? title : title + Document.TitleSeparator + body;

        string? lang;
        bool detected = false;
        if (!choice.IsAuto) lang = choice.Mode.ToLowerInvariant();
        else
        {
            var declared = src.DeclaredLanguage is { Length: >= 2 } d ? Short(d) : null;
            if (declared is not null && supported(declared) && (trustDeclaredLanguage || quickConfirm?.Invoke(declared, text) == true)) lang = declared;
            else
            {
                var guess = detector.Guess(text);
                if (guess is { Code: { } sure, Plausible: true } && guess.Confidence >= ConfidentAt) { lang = sure; detected = true; }
                else if (declared is not null) lang = declared;
                else if (guess is { Code: { } likely, Plausible: true }) { lang = likely; detected = true; }
                else lang = null;
            }
            if (lang is null) { why = "text is in none of the languages Tally reads" + (src.DeclaredLanguage is { } dl ? $" (declared '{dl}')" : ""); return false; }
        }
        if (!supported(lang)) { why = $"language '{lang}'{(detected ? " (detected)" : "")} is not supported"; return false; }

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
