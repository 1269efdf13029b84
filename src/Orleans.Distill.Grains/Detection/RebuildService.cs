using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Distill.Components;
using Orleans.Distill.Grains;

namespace Orleans.Distill.Detection;

/// <summary>
/// Runs on every silo: takes due entries from the index partitions (leased, so two silos never rebuild the same
/// one), rebuilds them a few at a time, and reports back. Ingestion never waits for it.
/// </summary>
public sealed partial class RebuildService(
    IGrainFactory grains,
    ComponentRebuilder rebuilder,
    IOptions<GraphOptions> graph,
    IOptions<DetectionOptions> detection,
    ILogger<RebuildService> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(100);

    private readonly ComponentIndexClient _index = new(grains, graph.Value);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!detection.Value.RunRebuilds)
        {
            return;
        }

        var partitions = graph.Value.IndexPartitions;
        var start = Random.Shared.Next(partitions);
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                var watermark = await grains.Reference<IWatermarkGrain>(0).Get();
                for (var i = 0; i < partitions && !stoppingToken.IsCancellationRequested; i++)
                {
                    var partition = (start + i) % partitions;
                    var due = await grains.Reference<IComponentIndexGrain>(partition).TakeDue(watermark, detection.Value.RebuildConcurrency * 4);
                    if (due.Count > 0)
                    {
                        worked = true;
                        await RebuildAllAsync(due, stoppingToken);
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The silo may be starting or stopping, or a grain unreachable: leases expire, the work is retried.
                LogPassFailed(logger, e);
            }

            if (!worked)
            {
                try
                {
                    await Task.Delay(Idle, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RebuildAllAsync(IReadOnlyList<RebuildTicket> due, CancellationToken cancellation)
    {
        var results = new List<RebuildResult>();
        var failed = new List<string>();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = detection.Value.RebuildConcurrency, CancellationToken = cancellation },
            async (ticket, _) =>
            {
                try
                {
                    var result = await rebuilder.RebuildAsync(ticket);
                    lock (results)
                    {
                        results.Add(result);
                    }
                }
                catch (Exception e)
                {
                    // Typically a component split under the rebuild; it is simply tried again.
                    LogRebuildFailed(logger, e, ticket.Id);
                    lock (failed)
                    {
                        failed.Add(ticket.Id);
                    }
                }
            });

        var merged = results.Aggregate(RebuildResult.None, (a, b) => a.With(b));
        await _index.ReportAsync(merged);
        await _index.ReleaseAsync(failed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebuild pass failed; due work is retried when its lease ends")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebuild of {Id} failed; it is retried")]
    private static partial void LogRebuildFailed(ILogger logger, Exception exception, string id);
}
