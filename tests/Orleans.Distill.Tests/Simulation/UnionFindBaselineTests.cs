using Orleans.Distill.Cli.Load;
using Orleans.Distill.Events;

namespace Orleans.Distill.Tests.Simulation;

public sealed class UnionFindBaselineTests
{
    [Fact]
    public async Task ForestBytes_GrowWithTheGraph_WhateverOtherThreadsAllocateAndCollect()
    {
        var small = Events(100);
        var large = Events(10_000);

        // Another thread churning garbage and forcing collections made a process-wide measure go negative.
        using var stop = new CancellationTokenSource();
        var churn = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.KeepAlive(new byte[1 << 20]);
                GC.Collect();
            }
        });

        var (smallBytes, largeBytes) = (UnionFindBaseline.ForestBytes(small), UnionFindBaseline.ForestBytes(large));
        await stop.CancelAsync();
        await churn;

        Assert.True(smallBytes > 100 * 2 * 40, $"{smallBytes} bytes for 100 accounts and their cards");
        Assert.True(largeBytes > 50 * smallBytes, $"{largeBytes} bytes for 10,000 accounts, {smallBytes} for 100");
    }

    private static List<DistillEvent> Events(int accounts) =>
    [
        .. Enumerable.Range(0, accounts).Select(i => new DistillEvent
        {
            Type = EventType.Payment,
            Account = $"u{i:D8}",
            At = new DateTime(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc),
            Instrument = $"tok_{i / 3:D8}",
        }),
    ];
}
