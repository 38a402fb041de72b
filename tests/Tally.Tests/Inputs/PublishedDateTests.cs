using Tally.Documents;
using Tally.Languages;
using Tally.Tests.Cli;

namespace Tally.Tests.Inputs;

/// <summary>
/// Publication dates as inputs state them. Month and time-zone names come from the language folders (months.tsv,
/// timezones.tsv), all of them for every document, since a date is read before the language is settled.
/// </summary>
public class PublishedDateTests
{
    [Theory]
    [InlineData("Thu, 19 Dec 2024 15:30:00 +0700", 7)]
    [InlineData("Thu, 19 Dec 2024 15:30:00 WIB", 7)]
    [InlineData("Kamis, 19 Des 2024 15:30:00 WITA", 8)]
    [InlineData("19 Des 2024 15:30 wit", 9)]
    [InlineData("Thu, 19 Dec 2024 15:30:00 GMT", 0)]
    [InlineData("Thu, 19 Dec 2024 15:30:00 UTC", 0)]
    [InlineData("Thu, 19 Dec 2024 15:30:00 Z", 0)]
    [InlineData("Thu, 19 Dec 2024 15:30:00 EST", -5)]
    [InlineData("Thu, 19 Dec 2024 15:30:00 PDT", -7)]
    [InlineData("Thu, 19 Dec 2024 15:30:00 CEST", 2)]
    [InlineData("Khamis, 19 Dis 2024 15:30:00 MYT", 8)]
    [InlineData("Thu, 19 Dec 2024 15:30:00 SGT", 8)]
    public void Zone_names_give_their_offsets(string s, int hours)
    {
        var d = PublishedDate.Parse(s);
        Assert.NotNull(d);
        Assert.Equal(new DateTimeOffset(2024, 12, 19, 15, 30, 0, TimeSpan.FromHours(hours)), d.Value.Value);
        Assert.True(d.Value.HasTime && d.Value.HasOffset);
    }

    [Fact]
    public void An_unknown_zone_name_leaves_the_local_time()
    {
        var d = PublishedDate.Parse("Thu, 19 Dec 2024 15:30:00 XYZ");
        Assert.NotNull(d);
        Assert.False(d.Value.HasOffset);
        Assert.Equal(new DateTime(2024, 12, 19, 15, 30, 0), d.Value.Value.DateTime);
    }

    [Theory]
    [InlineData("19 Jan 2024", 1)]
    [InlineData("19 Januari 2024", 1)]
    [InlineData("19 Mar 2024", 3)]
    [InlineData("19 Mac 2024", 3)]
    [InlineData("19 Maret 2024", 3)]
    [InlineData("19 May 2024", 5)]
    [InlineData("19 Mei 2024", 5)]
    [InlineData("19 Aug 2024", 8)]
    [InlineData("19 Agu 2024", 8)]
    [InlineData("19 Agustus 2024", 8)]
    [InlineData("19 Ogos 2024", 8)]
    [InlineData("19 Sept 2024", 9)]
    [InlineData("19 Oct 2024", 10)]
    [InlineData("19 Okt 2024", 10)]
    [InlineData("19 Dec 2024", 12)]
    [InlineData("19 DES 2024", 12)]
    [InlineData("19 Dis 2024", 12)]
    [InlineData("19 December 2024", 12)]
    public void Month_names_of_every_language_are_read(string s, int month)
    {
        var d = PublishedDate.Parse(s);
        Assert.NotNull(d);
        Assert.Equal(new DateTime(2024, month, 19), d.Value.Value.DateTime);
        Assert.False(d.Value.HasTime || d.Value.HasOffset);
    }

    [Theory]
    [InlineData("19 Xyz 2024")]
    [InlineData("31 Feb 2024")]
    public void A_name_that_is_no_month_or_a_day_past_the_month_is_no_date(string s) => Assert.Null(PublishedDate.Parse(s));

    [Fact]
    public void Every_language_folder_names_its_zones()
    {
        var names = DateNames.Default.ZoneNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var z in new[] { "WIB", "WITA", "WIT", "MYT", "UTC", "GMT", "Z" }) Assert.Contains(z, names);
        Assert.Equal(TimeSpan.FromHours(7), DateNames.Default.Zone("wib"));
        Assert.Null(DateNames.Default.Zone("XYZ"));
    }

    /// <summary>Language folders on disk: the real ones copied, one file of folder "xx" given <paramref name="text"/>.</summary>
    private static Exception LoadBroken(string file, string text)
    {
        using var d = new TempDir();
        foreach (var code in new[] { "en", "id", "ms" })
        {
            var src = Path.Combine(RepoPaths.Root, "data", "lang", code);
            var dst = Path.Combine(d.Path, "data", "lang", code);
            Directory.CreateDirectory(dst);
            foreach (var f in Directory.GetFiles(src)) File.Copy(f, Path.Combine(dst, Path.GetFileName(f)));
        }
        var xx = Path.Combine(d.Path, "data", "lang", "xx");
        Directory.CreateDirectory(xx);
        File.WriteAllText(Path.Combine(xx, file), text);
        var good = DateNames.Load(DataFiles.Source.Folder(d.Path), ["en", "id", "ms"]);
        Assert.Equal(TimeSpan.FromHours(8), good.Zone("MYT"));
        return Assert.ThrowsAny<Exception>(() => DateNames.Load(DataFiles.Source.Folder(d.Path), ["en", "id", "ms", "xx"]));
    }

    [Fact]
    public void A_new_folder_adds_zones_without_code()
    {
        using var d = new TempDir();
        var xx = Path.Combine(d.Path, "data", "lang", "xx");
        Directory.CreateDirectory(xx);
        File.WriteAllText(Path.Combine(xx, "timezones.tsv"), "# name\toffset\nNPT\t+05:45\n");
        File.WriteAllText(Path.Combine(xx, "months.tsv"), "# name\tmonth\nbaisakh\t4\n");
        var names = DateNames.Load(DataFiles.Source.Folder(d.Path), ["xx"]);
        Assert.Equal(new TimeSpan(5, 45, 0), names.Zone("npt"));
        Assert.Equal(4, names.Month("Baisakh"));
    }

    [Fact]
    public void A_bad_offset_fails_the_load_with_file_and_line()
    {
        var e = LoadBroken("timezones.tsv", "# name\toffset\nABC\t+07:00\nXST\t7\n");
        Assert.IsType<InvalidDataException>(e);
        Assert.Equal("data/lang/xx/timezones.tsv:3: field 2: '7' is not a UTC offset written +hh:mm or -hh:mm (at most 14:00)", e.Message);
    }

    [Fact]
    public void A_zone_name_no_date_could_carry_fails_the_load()
    {
        var e = LoadBroken("timezones.tsv", "LONGER\t+01:00\n");
        Assert.Matches(@"^data/lang/xx/timezones\.tsv:1: field 1: 'LONGER' is not a zone name of 1-5 Latin letters", e.Message);
    }

    [Fact]
    public void A_zone_given_another_offset_than_another_folder_gives_fails_the_load_naming_both()
    {
        var e = LoadBroken("timezones.tsv", "WIB\t+08:00\n");
        Assert.Matches(@"^data/lang/xx/timezones\.tsv:1: zone 'WIB' is \+08:00 here but \+07:00 at data/lang/id/timezones\.tsv:\d+$", e.Message);
    }

    [Fact]
    public void A_month_out_of_range_or_sharing_letters_with_another_month_fails_the_load()
    {
        var e = LoadBroken("months.tsv", "# name\tmonth\nsmarch\t13\n");
        Assert.Equal("data/lang/xx/months.tsv:2: field 2: month 13 is not 1-12", e.Message);
        e = LoadBroken("months.tsv", "marzipan\t4\n");
        Assert.Matches(@"^data/lang/xx/months\.tsv:1: 'marzipan' \(month 4\) and month 3 at data/lang/\w\w/months\.tsv:\d+ share the letters 'mar'", e.Message);
    }
}
