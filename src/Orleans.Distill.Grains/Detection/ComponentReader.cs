using Orleans.Distill.Components;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Detection;

/// <summary>Reads components, their members' profiles and their entities from the grains, many calls at a time.</summary>
public sealed class ComponentReader(IGrainFactory grains)
{
    /// <summary>Walks the tree under <paramref name="root"/> level by level and reads every member.</summary>
    public async Task<TreeRead> ReadTreeAsync(string root, DateTime watermark)
    {
        var (members, version) = await WalkAsync(root);
        return (await ReadAsync(members, watermark)) with { Version = version };
    }

    public async Task<(List<string> Members, long Version)> WalkAsync(string root)
    {
        var top = await grains.Reference<IComponentGrain>(root).GetNode();
        var members = new List<string>();
        var level = new List<ComponentNode> { top };
        while (level.Count > 0)
        {
            var next = new List<string>();
            foreach (var n in level)
            {
                members.AddRange(n.Members);
                next.AddRange(n.Children);
            }

            level = [.. await Task.WhenAll(next.Select(c => grains.Reference<IComponentGrain>(c).GetNode()))];
        }

        return (members, top.Version);
    }

    public async Task<TreeRead> ReadAsync(IReadOnlyCollection<string> members, DateTime watermark)
    {
        var profiles = await ProfilesAsync(members.Where(m => NodeKey.KindOf(m) == EntityKind.Account));
        var entityKeys = members.Where(m => NodeKey.KindOf(m) != EntityKind.Account)
            .Concat(profiles.Values.SelectMany(p => p.Links.Select(l => l.Other)))
            .ToHashSet();
        var infos = await Task.WhenAll(entityKeys.Select(k => grains.Reference<IEntityGrain>(k).GetInfo(watermark)));
        var entities = new Dictionary<string, EntityInfo>(infos.Length);
        foreach (var info in infos)
        {
            if (info is not null)
            {
                entities[info.Key] = info;
            }
        }

        return new TreeRead(members, profiles, entities, 0);
    }

    /// <summary>Profiles by account node key; accounts that do not exist are left out.</summary>
    public async Task<Dictionary<string, AccountProfile>> ProfilesAsync(IEnumerable<string> accountNodes)
    {
        var profiles = await Task.WhenAll(accountNodes.Select(n => grains.Reference<IAccountGrain>(n["account:".Length..]).GetProfile()));
        var byNode = new Dictionary<string, AccountProfile>(profiles.Length);
        foreach (var profile in profiles)
        {
            if (profile is not null)
            {
                byNode[NodeKey.Account(profile.Account)] = profile;
            }
        }

        return byNode;
    }
}
