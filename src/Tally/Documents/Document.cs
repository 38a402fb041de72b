namespace Tally.Documents;

/// <summary>A document as read from its input, before cleaning.</summary>
public sealed record SourceDocument
{
    public required string Id { get; init; }
    public string? Url { get; init; }
    public string? Title { get; init; }
    public required string Body { get; init; }
    public DateTimeOffset? Published { get; init; }
    /// <summary>True when the input gave a time of day (else only the date is known).</summary>
    public bool PublishedHasTime { get; init; }
    /// <summary>True when the input gave a UTC offset (else the time is the page's local time).</summary>
    public bool PublishedHasOffset { get; init; }
    /// <summary>The language the input declares (news-please "language", HTML lang), if any.</summary>
    public string? DeclaredLanguage { get; init; }
    /// <summary>The site or outlet name, if known.</summary>
    public string? Outlet { get; init; }
    /// <summary>Where it came from (a file path, "file:line", a URL, "-") for messages.</summary>
    public required string Origin { get; init; }
}

/// <summary>
/// A cleaned document ready for extraction. <see cref="Text"/> is the title and the cleaned body joined as
/// "title\n\nbody" (or just the body); every offset in the output indexes this text.
/// </summary>
public sealed record Document
{
    public required string Id { get; init; }
    public string? Url { get; init; }
    public string? Title { get; init; }
    public required string Language { get; init; }
    public DateTimeOffset? Published { get; init; }
    public bool PublishedHasTime { get; init; }
    public bool PublishedHasOffset { get; init; }
    public required string Text { get; init; }
    /// <summary>Characters of <see cref="Text"/> taken by the title (0 when there is none).</summary>
    public int TitleLength { get; init; }
    public string? Outlet { get; init; }
    public string Origin { get; init; } = "";

    public const string TitleSeparator = "\n\n";

    /// <summary>The published date/time as written in the output: a date, a local date-time, or a date-time with offset.</summary>
    public string? PublishedText => Published is not { } p ? null
        : PublishedHasOffset ? p.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)
        : PublishedHasTime && p.TimeOfDay != TimeSpan.Zero ? p.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
        : p.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
