namespace Orleans.Distill.Keys;

/// <summary>The kinds of node in the account graph, as CONTRACT.md section 4 names them.</summary>
public enum EntityKind : byte
{
    Account = 0,
    Instrument = 1,
    IpRange = 2,
    Device = 3,
    Template = 4,
}

public static class EntityKinds
{
    /// <summary>The kinds an account links to; accounts themselves are the other end of every link.</summary>
    public static readonly EntityKind[] Linked = [EntityKind.Instrument, EntityKind.IpRange, EntityKind.Device, EntityKind.Template];

    /// <summary>
    /// A card or a device: something its holder possesses, which strangers do not share. Ranges and templates are
    /// places and words that they do.
    /// </summary>
    public static bool IsPossession(this EntityKind kind) => kind is EntityKind.Instrument or EntityKind.Device;

    public static string Name(this EntityKind kind) => kind switch
    {
        EntityKind.Account => "account",
        EntityKind.Instrument => "instrument",
        EntityKind.IpRange => "ip_range",
        EntityKind.Device => "device",
        EntityKind.Template => "template",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(ReadOnlySpan<char> name, out EntityKind kind)
    {
        switch (name)
        {
            case "account": kind = EntityKind.Account; return true;
            case "instrument": kind = EntityKind.Instrument; return true;
            case "ip_range": kind = EntityKind.IpRange; return true;
            case "device": kind = EntityKind.Device; return true;
            case "template": kind = EntityKind.Template; return true;
            default: kind = default; return false;
        }
    }
}
