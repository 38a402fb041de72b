using System.Globalization;
using System.Text.RegularExpressions;

namespace Tally.Documents;

/// <summary>A publication date as an input states it: the value, whether a time of day was given, whether a UTC offset was.</summary>
public readonly record struct PublishedDate(DateTimeOffset Value, bool HasTime, bool HasOffset)
{
    private static readonly Regex IsoOffset = new(@"(Z|[+-]\d\d:?\d\d)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex Rfc822 = new(
        @"^(?:[A-Za-z]{3,9},?\s+)?(?<d>\d{1,2})\s+(?<mon>[A-Za-z]{3,9})\.?\s+(?<y>\d{2,4})(?:\s+(?<t>\d{1,2}:\d\d(?::\d\d)?))?\s*(?<z>[+-]\d{4}|[+-]\d\d:\d\d|[A-Za-z]{1,5})?$",
        RegexOptions.CultureInvariant);
    private static readonly Regex UrlDate = new(@"/(?<y>(?:19|20)\d\d)/(?<m>0?[1-9]|1[0-2])/(?<d>0?[1-9]|[12]\d|3[01])(?:/|$)", RegexOptions.CultureInvariant);

    /// <summary>The earliest publication date taken (and claim period bounded in the ledger): older is a placeholder or an error.</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    /// <summary>How many days after today a publication date may be (time zones ahead of UTC, scheduled posts).</summary>
    public const int DaysAhead = 3;

    /// <summary>The latest publication date taken, for a day <paramref name="today"/> (UTC).</summary>
    public static DateOnly Latest(DateOnly today) => today.AddDays(DaysAhead);

    /// <summary>Today's date (UTC) by <paramref name="clock"/> (the system clock when null).</summary>
    public static DateOnly Today(TimeProvider? clock = null) => DateOnly.FromDateTime((clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);

    /// <summary>
    /// Null when <paramref name="value"/> (its date as written) is a plausible publication date, from <see cref="Earliest"/>
    /// to <see cref="DaysAhead"/> days after <paramref name="today"/>; else why not ("is out of range (1900-01-01 to ...)").
    /// "0001-01-01" and "9999-12-31" are placeholders that would push every date computed from them out of the calendar.
    /// </summary>
    public static string? RangeProblem(DateTimeOffset value, DateOnly today)
    {
        var day = DateOnly.FromDateTime(value.DateTime);
        if (day >= Earliest && day <= Latest(today)) return null;
        return $"is out of range ({RangeText(today)})";
    }

    /// <summary>"1900-01-01 to 2026-12-11": the range of publication dates taken.</summary>
    public static string RangeText(DateOnly today) =>
        $"{Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {Latest(today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd",
    ];

    /// <summary>
    /// ISO 8601 ("2024-12-19", "2024-12-19T15:30:00+07:00", "2024-12-19 15:30:00"), RFC 822 as in RSS
    /// ("Thu, 19 Dec 2024 15:30:00 +0700", "... GMT", "... WIB") and "2024/12/19 15:30:00". A value without an offset
    /// is the page's local time (HasOffset false, offset 0 as a placeholder).
    /// Month and zone names come from the language folders (<see cref="DateNames"/>).
    /// </summary>
    public static PublishedDate? Parse(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return null;
        s = s.Trim();
        if (s.Length > 64) return null;
        if (char.IsDigit(s[0]) && s.Length >= 8)
        {
            if (IsoOffset.IsMatch(s) && s.Length > 10 && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
                return new PublishedDate(dto, true, true);
            if (DateTime.TryParseExact(s, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                return Local(local, s.Length > 10);
        }
        var m = Rfc822.Match(s);
        if (m.Success && DateNames.Default.Month(m.Groups["mon"].Value) is { } month)
        {
            int year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            // A two-digit year is of this century or the last; "0001" is year 1, not 2001.
            if (m.Groups["y"].Length <= 2) year += year < 70 ? 2000 : 1900;
            if (year is < 1 or > 9999) return null;
            int day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
            if (day > DateTime.DaysInMonth(year, month)) return null;
            var time = TimeSpan.Zero;
            bool hasTime = m.Groups["t"].Success && TimeSpan.TryParse(m.Groups["t"].Value, CultureInfo.InvariantCulture, out time);
            var dt = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified) + (hasTime ? time : TimeSpan.Zero);
            if (m.Groups["z"].Success && Offset(m.Groups["z"].Value) is { } off)
            {
                // An offset that moves the instant out of the calendar ("1 Jan 0001 00:00 +0700") is no date.
                long utcTicks = dt.Ticks - off.Ticks;
                if (off.Duration() > TimeSpan.FromHours(14) || utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks) return null;
                return new PublishedDate(new DateTimeOffset(dt, off), hasTime, true);
            }
            return Local(dt, hasTime);
        }
        // Anything else .NET reads without ambiguity in the invariant culture.
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var any) && IsoOffset.IsMatch(s))
            return new PublishedDate(any, true, true);
        return null;
    }

    /// <summary>A date in a URL path ("/2024/12/19/"), date only.</summary>
    public static PublishedDate? FromUrl(string? url)
    {
        if (string.IsNullOrEmpty(url)) return null;
        var path = Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.AbsolutePath : url;
        var m = UrlDate.Match(path);
        if (!m.Success) return null;
        int y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), mo = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture),
            d = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (d > DateTime.DaysInMonth(y, mo)) return null;
        return Local(new DateTime(y, mo, d), false);
    }

    private static PublishedDate Local(DateTime dt, bool hasTime) =>
        new(new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Unspecified), TimeSpan.Zero), hasTime, false);

    private static TimeSpan? Offset(string z)
    {
        if (DateNames.Default.Zone(z) is { } named) return named;
        var t = z.Replace(":", "");
        if (t.Length == 5 && (t[0] is '+' or '-') && int.TryParse(t.AsSpan(1, 2), CultureInfo.InvariantCulture, out var h) && int.TryParse(t.AsSpan(3, 2), CultureInfo.InvariantCulture, out var mi))
        {
            var o = new TimeSpan(h, mi, 0);
            return t[0] == '-' ? -o : o;
        }
        return null;
    }
}
