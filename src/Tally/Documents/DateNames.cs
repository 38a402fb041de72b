using System.Collections.Frozen;
using System.Globalization;
using Tally.Languages;

namespace Tally.Documents;

/// <summary>
/// The month and time-zone names that publication dates are written with ("Thu, 19 Des 2024 15:30 WIB"), read from
/// every language folder: months.tsv (the same file the text lexicon uses) and timezones.tsv. A date is read before the
/// document's language is settled, so all folders count for every document; a new language adds names by adding files.
/// </summary>
/// <remarks>
/// A month is known by the first three letters of its name, in any case ("Dec", "December", "Desember" and "Des" are
/// all month 12), as feeds abbreviate them; names that are not Latin letters only, or shorter than three, are the text
/// lexicon's business and are skipped here. Two names that share three letters but give different months, or one zone
/// name given two offsets, fail the load with both places.
/// </remarks>
public sealed class DateNames
{
    private readonly FrozenDictionary<string, int> _months;
    private readonly FrozenDictionary<string, TimeSpan> _zones;

    private DateNames(FrozenDictionary<string, int> months, FrozenDictionary<string, TimeSpan> zones)
    {
        _months = months;
        _zones = zones;
    }

    private static readonly Lazy<DateNames> Embedded = new(() => Load(DataFiles.Source.Embedded, EmbeddedFolders()));

    /// <summary>The names of the embedded language folders.</summary>
    public static DateNames Default => Embedded.Value;

    /// <summary>The month (1-12) a month name stands for, by its first three letters; null when none does.</summary>
    public int? Month(string name)
    {
        if (name.Length < 3) return null;
        return _months.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name.AsSpan(0, 3), out var m) ? m : null;
    }

    /// <summary>The UTC offset of a time-zone name (any case); null when the name is not known.</summary>
    public TimeSpan? Zone(string name) => _zones.TryGetValue(name, out var o) ? o : null;

    /// <summary>The zone names known, for tests and documentation.</summary>
    public IEnumerable<string> ZoneNames => _zones.Keys;

    /// <summary>Every embedded language folder (data/lang/&lt;code&gt;/), whether or not it is a complete pack.</summary>
    public static IReadOnlyList<string> EmbeddedFolders() => DataFiles.List("data/lang/")
        .Select(n => n["data/lang/".Length..].Split('/')[0]).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Reads months.tsv and timezones.tsv (both optional) of each folder data/lang/&lt;code&gt;/ in <paramref name="codes"/>.
    /// A bad row fails with its file and line.
    /// </summary>
    public static DateNames Load(DataFiles.Source source, IEnumerable<string> codes)
    {
        var months = new Dictionary<string, (int Month, DataFiles.Row Row)>(StringComparer.OrdinalIgnoreCase);
        var zones = new Dictionary<string, (TimeSpan Offset, DataFiles.Row Row)>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in codes)
        {
            foreach (var row in source.Rows($"data/lang/{code}/months.tsv", optional: true))
            {
                var name = row[0];
                var month = row.Long(1);
                if (month is < 1 or > 12) throw row.Error($"field 2: month {month} is not 1-12");
                if (name.Length < 3 || !name.All(char.IsAsciiLetter)) continue;
                var key = name[..3];
                if (months.TryGetValue(key, out var had) && had.Month != month)
                    throw row.Error($"'{name}' (month {month}) and month {had.Month} at {had.Row.File}:{had.Row.Line} share the letters '{key}' that a date's month is known by");
                months.TryAdd(key, ((int)month, row));
            }
            foreach (var row in source.Rows($"data/lang/{code}/timezones.tsv", optional: true))
            {
                var name = row[0];
                if (name.Length is < 1 or > 5 || !name.All(char.IsAsciiLetter))
                    throw row.Error($"field 1: '{name}' is not a zone name of 1-5 Latin letters (no date would be read with it)");
                var offset = Offset(row);
                if (zones.TryGetValue(name, out var had) && had.Offset != offset)
                    throw row.Error($"zone '{name}' is {Format(offset)} here but {Format(had.Offset)} at {had.Row.File}:{had.Row.Line}");
                zones.TryAdd(name, (offset, row));
            }
        }
        return new DateNames(
            months.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Month, StringComparer.OrdinalIgnoreCase),
            zones.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Offset, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Field 2 as "+hh:mm" or "-hh:mm", within ±14:00.</summary>
    private static TimeSpan Offset(DataFiles.Row row)
    {
        var s = row[1];
        if (s.Length == 6 && s[0] is '+' or '-' && s[3] == ':'
            && int.TryParse(s.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && int.TryParse(s.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 60 && h * 60 + m <= 14 * 60)
        {
            var o = new TimeSpan(h, m, 0);
            return s[0] == '-' ? -o : o;
        }
        throw row.Error($"field 2: '{s}' is not a UTC offset written +hh:mm or -hh:mm (at most 14:00)");
    }

    private static string Format(TimeSpan o) => (o < TimeSpan.Zero ? "-" : "+") + o.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
