using Orleans.Distill.Keys;

namespace Orleans.Distill.Graph;

/// <summary>
/// What a component knows about its members, kept as a commutative monoid: merging is O(1) and
/// order-free, so concurrent unions converge to the same totals whatever order they land in.
/// </summary>
[GenerateSerializer, Alias("distill.aggregate")]
public sealed class ComponentAggregate
{
    [Id(0)] public long Accounts { get; set; }
    [Id(1)] public long Instruments { get; set; }
    [Id(2)] public long IpRanges { get; set; }
    [Id(3)] public long Devices { get; set; }
    [Id(4)] public long Templates { get; set; }

    public long Entities => Instruments + IpRanges + Devices + Templates;

    public long Nodes => Accounts + Entities;

    public static ComponentAggregate Of(string nodeKey)
    {
        var aggregate = new ComponentAggregate();
        aggregate.Count(NodeKey.KindOf(nodeKey), 1);
        return aggregate;
    }

    public void Merge(ComponentAggregate other)
    {
        Accounts += other.Accounts;
        Instruments += other.Instruments;
        IpRanges += other.IpRanges;
        Devices += other.Devices;
        Templates += other.Templates;
    }

    public long CountOf(EntityKind kind) => kind switch
    {
        EntityKind.Account => Accounts,
        EntityKind.Instrument => Instruments,
        EntityKind.IpRange => IpRanges,
        EntityKind.Device => Devices,
        EntityKind.Template => Templates,
        _ => 0,
    };

    public ComponentAggregate Clone() => (ComponentAggregate)MemberwiseClone();

    private void Count(EntityKind kind, long n)
    {
        switch (kind)
        {
            case EntityKind.Account: Accounts += n; break;
            case EntityKind.Instrument: Instruments += n; break;
            case EntityKind.IpRange: IpRanges += n; break;
            case EntityKind.Device: Devices += n; break;
            case EntityKind.Template: Templates += n; break;
        }
    }
}
