using Orleans.Distill.Grains;

namespace Orleans.Distill.Diagnostics;

public sealed class PingGrain : Grain, IPingGrain
{
    public Task Ping() => Task.CompletedTask;
}
