using System.Collections.Frozen;
using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Gazetteer;

public enum GeoKind : byte { Country, Demonym, Capital, Place, Organization }

/// <summary>One name the gazetteer knows: a country, a people, a place or an organisation.</summary>
public sealed class GeoEntry
{
    public required string Name { get; init; }
    public required GeoKind Kind { get; init; }
    public string? Country { get; init; }
    /// <summary>For places: city, capital, province, regency, state, district, region, conflict_area.</summary>
    public string PlaceKind { get; init; } = "";
    public string? Admin1 { get; init; }
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public long Population { get; init; }
    /// <summary>For organisations: what kind of source they are, and the role of their members as an affected party.</summary>
    public SourceKind SourceKind { get; init; }
    public Role? Role { get; init; }
    /// <summary>Languages the name is used in (null: all).</summary>
    public FrozenSet<string>? Languages { get; init; }
    public bool CaseSensitive { get; init; }

    public bool IsAdminArea => PlaceKind is "province" or "regency" or "state" or "district" or "region" or "conflict_area";
    public override string ToString() => $"{Kind}:{Name}({Country})";
}

/// <summary>The gazetteer entries one span of text may name (several places can share a name).</summary>
public sealed class GeoGroup(GeoEntry[] entries)
{
    public GeoEntry[] Entries { get; } = entries;
}

/// <summary>A name found in a text: tokens [Start, End), with the entries usable in the text's language.</summary>
public readonly record struct GeoHit(int Start, int End, GeoEntry[] Candidates)
{
    /// <summary>The name as written when it is only part of its token ("Gaza" in "Gaza-Egypt"); null: the tokens' text.</summary>
    public string? Name { get; init; }
    /// <summary>A river or another feature named after the place ("Sungai Pahang"): in the place's country, not the place.</summary>
    public bool Feature { get; init; }

    public GeoEntry? Best(GeoKind kind) => Candidates.FirstOrDefault(c => c.Kind == kind);
    public bool Has(GeoKind kind) => Candidates.Any(c => c.Kind == kind);

    /// <summary>The country this name stands for or lies in (a country, a people, an organisation, a place).</summary>
    public string? Country => Candidates.FirstOrDefault(c => c.Kind is GeoKind.Country or GeoKind.Demonym)?.Country
        ?? Candidates.FirstOrDefault(c => c.Kind == GeoKind.Organization && c.Country is not null)?.Country
        ?? Candidates.FirstOrDefault(c => c.Kind is GeoKind.Place or GeoKind.Capital)?.Country;
}
