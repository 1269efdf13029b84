using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Distill.Grains;
using Orleans.Runtime;

namespace Orleans.Distill.Retention;

/// <summary>
/// Runs on every silo: asks, now and then, whether a sweep is due, and runs it when this silo gets the lease. With a
/// shared database one silo sweeps for the cluster; with memory storage each silo sweeps what it wrote.
/// </summary>
public sealed partial class RetentionService(
    IGrainFactory grains,
    RetentionSweeper sweeper,
    ILocalSiloDetails silo,
    IOptions<RetentionOptions> retention,
    ILogger<RetentionService> logger) : BackgroundService
{
    /// <summary>How long a sweep may run before another silo may take over; a sweep cut short is only repeated.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = retention.Value;
        if (!options.RunSweeps || (options.Links == TimeSpan.Zero && options.Usage == TimeSpan.Zero))
        {
            return;
        }

        if (sweeper.Catalog is not { } catalog)
        {
            LogCannotList(logger, StorageNames.Graph);
            return;
        }

        var holder = silo.SiloAddress.ToString();
        var grain = grains.Reference<IRetentionGrain>(catalog.Shared ? "cluster" : holder);
        // Checking is one grain call; the lease, not this period, decides how often a sweep runs.
        using var timer = new PeriodicTimer(options.SweepEvery < TimeSpan.FromMinutes(1) ? options.SweepEvery : TimeSpan.FromMinutes(1));
        do
        {
            try
            {
                if (await grain.TryStart(holder, options.SweepEvery, Lease))
                {
                    var report = await sweeper.SweepAsync(stoppingToken);
                    await grain.Finish(holder, report);
                    LogSwept(logger, report.AccountsScanned, report.LinksDropped, report.AccountsWithUsageDropped, report.EntityLinksDropped, report.Rebuilds, report.Finished - report.Started);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage or a silo unreachable: the lease runs out and the sweep is tried again.
                LogSweepFailed(logger, e);
            }
        }
        while (await NextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention is off: the grain storage {Storage} cannot list its grains")]
    private static partial void LogCannotList(ILogger logger, string storage);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention swept {Accounts} accounts: {Links} links and the usage of {Usage} accounts deleted, {EntityLinks} links on entities, {Rebuilds} rebuilds queued, in {Elapsed}")]
    private static partial void LogSwept(ILogger logger, long accounts, long links, long usage, long entityLinks, long rebuilds, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed; it is tried again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
