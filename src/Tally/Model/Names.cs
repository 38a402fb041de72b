namespace Tally.Model;

/// <summary>The spec's spelling of every enum value (snake_case), both ways.</summary>
public static class Names
{
    public static string Of(Category c) => c switch
    {
        Category.Killed => "killed", Category.Injured => "injured", Category.Casualties => "casualties",
        Category.Missing => "missing", Category.Captured => "captured", Category.Displaced => "displaced",
        Category.Affected => "affected", Category.Deployed => "deployed", Category.Returned => "returned",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public static string Of(Role r) => r switch
    {
        Role.StateForces => "state_forces", Role.NonStateArmed => "non_state_armed",
        Role.Civilians => "civilians", _ => "unspecified",
    };

    public static string Of(Certainty c) => c switch
    {
        Certainty.Reported => "reported", Certainty.Estimated => "estimated", Certainty.Confirmed => "confirmed",
        Certainty.Claimed => "claimed", _ => "asserted",
    };

    public static string Of(SourceKind k) => k switch
    {
        SourceKind.Government => "government", SourceKind.Military => "military", SourceKind.Intelligence => "intelligence",
        SourceKind.Media => "media", SourceKind.Ngo => "ngo", SourceKind.InternationalOrg => "international_org",
        SourceKind.ArmedGroup => "armed_group", SourceKind.HealthAuthority => "health_authority",
        SourceKind.Witness => "witness", _ => "unspecified",
    };

    public static bool TryCategory(string s, out Category c)
    {
        foreach (var v in Enum.GetValues<Category>())
            if (string.Equals(Of(v), s, StringComparison.OrdinalIgnoreCase)) { c = v; return true; }
        c = default; return false;
    }

    public static bool TryRole(string s, out Role r)
    {
        foreach (var v in Enum.GetValues<Role>())
            if (string.Equals(Of(v), s, StringComparison.OrdinalIgnoreCase)) { r = v; return true; }
        r = default; return false;
    }

    public static bool TryCertainty(string s, out Certainty c)
    {
        foreach (var v in Enum.GetValues<Certainty>())
            if (string.Equals(Of(v), s, StringComparison.OrdinalIgnoreCase)) { c = v; return true; }
        c = default; return false;
    }

    public static bool TrySourceKind(string s, out SourceKind k)
    {
        foreach (var v in Enum.GetValues<SourceKind>())
            if (string.Equals(Of(v), s, StringComparison.OrdinalIgnoreCase)) { k = v; return true; }
        k = default; return false;
    }
}
