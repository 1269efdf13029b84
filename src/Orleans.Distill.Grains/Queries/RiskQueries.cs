using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Detection;
using Orleans.Distill.Grains;
using Orleans.Distill.Keys;
using Orleans.Distill.Scoring;

namespace Orleans.Distill.Queries;

/// <summary>
/// The risk checks a signup flow waits on: the signup what-if (which components a new account with these
/// identifiers would join, and how they would score with it, from the components' stored features merged in
/// memory; its cards and devices decide what it joins when it brings any, as they decide an account's core) and an existing account's risk. Nothing in the graph changes.
/// Each check answers within its <see cref="ReadDeadline"/> from what it could read by then: a read that has not
/// answered (its silo may have died and not yet been declared dead) or that failed is left out, and the answer
/// counts the lookups left out. Independent reads run side by side, each chain of dependent reads on its own, so a
/// slow one does not use up the time of the others.
/// </summary>
public sealed partial class RiskQueries(
    IGrainFactory grains,
    IOptions<GraphOptions> graph,
    IOptions<DetectionOptions> detection,
    IOptions<ScoringOptions> scoring,
    IOptions<RiskOptions> risk,
    TimeProvider time,
    ILogger<RiskQueries> logger)
{
    private readonly ComponentForest _forest = new(grains, graph.Value);
    private readonly RiskScorer _scorer = new(scoring.Value);
    private readonly KnownWatermark _watermark = new(grains);
    private readonly ComponentIndexClient _index = new(grains, graph.Value);

    /// <summary>A check's time budget, to be started as its request arrives so that everything it does counts.</summary>
    public ReadDeadline StartDeadline() => ReadDeadline.Start(risk.Value.Deadline, time);

    public async Task<RiskView> CheckSignupAsync(SignupCheck check, ReadDeadline deadline)
    {
        var watermark = Watermark();
        var summaries = new Dictionary<string, Task<ComponentNode>>();
        var lookups = check.Entities.Select(key => Lookup(key, watermark, summaries)).ToList();
        await deadline.WaitAsync(lookups.SelectMany(l => l.Reads));

        // Each read is looked at once: one that completes meanwhile must not count both as read and as not.
        var unread = 0;
        var possessionUnread = false;
        var infos = new List<(EntityLookup Lookup, EntityInfo Info)>();
        foreach (var lookup in lookups)
        {
            if (!lookup.Info.IsCompletedSuccessfully)
            {
                unread++;
                possessionUnread |= NodeKey.KindOf(lookup.Key).IsPossession();
            }
            else if (lookup.Info.Result is { } info)
            {
                infos.Add((lookup, info));
            }
        }

        // The new account's own part: a signup now (in event time), no traffic yet.
        var now = watermark.IsCompletedSuccessfully ? watermark.Result : DateTime.MinValue;
        var merged = new GroupFeatures();
        merged.AddAccount(new AccountProfile
        {
            Account = "",
            Component = "",
            Links = [],
            SignupDay = AccountProfile.DayOf(now == DateTime.MinValue ? DateTime.UtcNow : now),
            Requests = new long[5],
            ActiveHours = [],
        }, linksHub: infos.Any(i => i.Info.Hub));

        // As in a component's cores: a range ties the new account to what it leads to only when the account brings
        // no card or device. A household member signing up with a card of their own on a range a ring's proxies also
        // use is judged alone, as they will be once ingested. A card or device that could not be read may lead
        // anywhere: the range then stands in for it, as the best evidence read.
        var rangesJoin = possessionUnread || !check.Entities.Any(key => NodeKey.KindOf(key).IsPossession());
        var gluing = new List<(EntityLookup Lookup, EntityInfo Info)>();
        foreach (var (lookup, info) in infos)
        {
            if (Glues(lookup.Key, info) && (rangesJoin || NodeKey.KindOf(lookup.Key).IsPossession()))
            {
                gluing.Add((lookup, info));
            }
        }

        // Each root once, with its summary if any lookup that led there got it in time.
        var nodes = new SortedDictionary<string, ComponentNode?>(StringComparer.Ordinal);
        foreach (var (lookup, _) in gluing)
        {
            if (!lookup.Root.IsCompletedSuccessfully)
            {
                unread++;
                continue;
            }

            var root = lookup.Root.Result!;
            var node = lookup.Node.IsCompletedSuccessfully ? lookup.Node.Result : null;
            if (!nodes.TryGetValue(root, out var known) || known is null)
            {
                nodes[root] = node;
            }
        }

        foreach (var node in nodes.Values)
        {
            if (node is null)
            {
                unread++;
            }
            else if (node.Assessment is { } assessed)
            {
                merged.Merge(assessed.Features);
            }
            else
            {
                // Not scored yet (changed moments ago): count its accounts at least.
                merged.Merge(new GroupFeatures { Accounts = node.Aggregate.Accounts });
            }
        }

        foreach (var (lookup, info) in gluing)
        {
            merged.Share(GroupFeatures.KindIndex(NodeKey.KindOf(lookup.Key)), info.AccountsInWindow + 1, lookup.Key);
        }

        var assessment = _scorer.Score(merged);

        // A card or device a denied ring used is denied to whoever brings it next, ring dissolved or not.
        foreach (var (lookup, info) in infos)
        {
            if (info.Burned is { } burned && assessment.Decision < Decision.Deny)
            {
                assessment = new Assessment(Math.Max(assessment.Score, burned.Score), Decision.Deny,
                    [new Reason("burned_identifier", burned.Score, 0, lookup.Key), .. burned.Reasons]);
            }
        }

        // The union would make the highest root id the component's.
        var component = nodes.Count == 0 ? null : nodes.Keys.Max(StringComparer.Ordinal);
        return Answer("signup", new RiskView(assessment, component, [.. nodes.Keys]) { Unread = unread }, deadline, lookups.SelectMany(l => l.Reads));
    }

    /// <summary>An existing account's risk; null if the account is not known.</summary>
    public async Task<RiskView?> CheckAccountAsync(string account, ReadDeadline deadline)
    {
        var watermark = Watermark();
        var read = grains.Reference<IAccountGrain>(account).Get();
        await deadline.WaitAsync([read]);
        if (!read.IsCompletedSuccessfully)
        {
            // Whether it even exists is unknown: nothing else can be looked up.
            return Answer("account", new RiskView(Assessment.Unscored, null, []) { Unread = 1 }, deadline, [read]);
        }

        if (read.Result is not { } snapshot)
        {
            return null;
        }

        var root = _forest.ResolveAsync(snapshot.Component, NodeKey.Account(account));
        var node = SummaryAsync(root);
        var verdict = HeldVerdictAsync(account, watermark);
        Task[] reads = [root, node, verdict];
        await deadline.WaitAsync(reads);

        // Each read is looked at once: one that completes meanwhile must not count both as read and as not.
        var component = root.IsCompletedSuccessfully ? root.Result : null;
        var summary = node.IsCompletedSuccessfully ? node.Result : null;
        var remembered = verdict.IsCompletedSuccessfully ? verdict.Result : null;
        var unread = (summary is null ? 1 : 0) + (verdict.IsCompletedSuccessfully ? 0 : 1);
        var assessment = AccountAssessment.Of(snapshot, summary, remembered, scoring.Value);
        return Answer("account", new RiskView(assessment, component, []) { Unread = unread }, deadline, reads);

        async Task<ComponentNode> SummaryAsync(Task<string> rootRead) => await grains.Reference<IComponentGrain>(await rootRead).GetSummary();
    }

    private async Task<RememberedVerdict?> HeldVerdictAsync(string account, Task<DateTime> watermark)
    {
        var verdict = await _index.VerdictOfAsync(account);
        return verdict is not null && verdict.HeldAt(await watermark, detection.Value.RememberFor) ? verdict : null;
    }

    /// <summary>
    /// The watermark the check reads entities at: the newest this process knows at once, else the grain's answer.
    /// The grain is asked either way, to keep what this process knows current; no one may wait for its answer.
    /// </summary>
    private Task<DateTime> Watermark()
    {
        var known = _watermark.Value;
        var read = _watermark.ReadAsync();
        ReadDeadline.Observe(read);
        return known is { } watermark ? Task.FromResult(watermark) : read;
    }

    private async Task<EntityInfo?> InfoAsync(string key, Task<DateTime> watermark) =>
        await grains.Reference<IEntityGrain>(key).GetInfo(await watermark);

    /// <summary>An entity's info and, if it glues, its component's root and that root's summary, each read as soon as it can be.</summary>
    private EntityLookup Lookup(string key, Task<DateTime> watermark, Dictionary<string, Task<ComponentNode>> summaries)
    {
        var info = InfoAsync(key, watermark);
        var root = RootAsync();
        return new EntityLookup(key, info, root, NodeAsync());

        async Task<string?> RootAsync() =>
            await info is { } read && Glues(key, read) ? await _forest.ResolveAsync(read.Component, key) : null;

        async Task<ComponentNode?> NodeAsync()
        {
            if (await root is not { } id)
            {
                return null;
            }

            Task<ComponentNode>? summary;
            lock (summaries)
            {
                // Entities of one component lead to the same root: its summary is read once.
                if (!summaries.TryGetValue(id, out summary))
                {
                    summary = grains.Reference<IComponentGrain>(id).GetSummary();
                    summaries[id] = summary;
                }
            }

            return await summary;
        }
    }

    /// <summary>
    /// Whether a link from the new account would glue: one more account may be what makes the entity a hub, unless
    /// it was judged one operator's, which glues however many accounts it links.
    /// </summary>
    private bool Glues(string key, EntityInfo info) =>
        info.Glues && (info.Owned is not null || info.AccountsInWindow + 1 <= detection.Value.ThresholdOf(NodeKey.KindOf(key)));

    private RiskView Answer(string check, RiskView read, ReadDeadline deadline, IEnumerable<Task> reads)
    {
        if (!read.Degraded)
        {
            return read;
        }

        LogDegraded(logger, check, read.Unread, deadline.Budget, reads.FirstOrDefault(r => r.IsFaulted)?.Exception?.GetBaseException());
        return read with { Assessment = DegradedAnswer.Decide(read.Assessment, read.Unread, risk.Value) };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A {Check} risk check answered degraded: {Unread} lookups were not read within {Deadline}")]
    private static partial void LogDegraded(ILogger logger, string check, int unread, TimeSpan deadline, Exception? firstFailure);

    private sealed record EntityLookup(string Key, Task<EntityInfo?> Info, Task<string?> Root, Task<ComponentNode?> Node)
    {
        public IEnumerable<Task> Reads => [Info, Root, Node];
    }
}
