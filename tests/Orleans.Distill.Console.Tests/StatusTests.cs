using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Orleans.Distill.Console.Tests;

/// <summary>The status page's refreshes: one at a time, so that an older answer is never drawn over a newer one.</summary>
public sealed class StatusTests(ConsoleHost host, Browser browser) : IClassFixture<ConsoleHost>, IClassFixture<Browser>
{
    [Fact]
    public async Task TheStatusPage_AsksForTheNextRefresh_OnlyOnceTheLastHasAnswered()
    {
        await using var context = await browser.NewContextAsync();
        var watch = await PageWatch.AttachAsync(context);
        var page = await context.NewPageAsync();
        await host.SignInAsync(page, "ben");
        // Counted in the page as each is asked for, whatever the network does with it afterwards.
        await page.AddInitScriptAsync("""
            window.clusterAsks = 0;
            const ask = window.fetch;
            window.fetch = (input, init) => {
              if (String(input).includes('/v1/status/cluster')) window.clusterAsks++;
              return ask(input, init);
            };
            """);
        await page.Clock.InstallAsync();

        // The second refresh's answer is held back, as a loaded cluster's would be, and then answers with a silo joining.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = 0;
        await page.RouteAsync("**/v1/status/cluster", async route =>
        {
            if (Interlocked.Increment(ref answered) != 2)
            {
                await route.ContinueAsync();
                return;
            }

            await held.Task;
            var response = await route.FetchAsync();
            var body = (await response.TextAsync()).Replace("\"active\"", "\"joining\"", StringComparison.Ordinal);
            await route.FulfillAsync(new() { Response = response, Body = body });
        });
        await page.GotoAsync($"{host.BaseUrl}/console/status.html");
        await Expect(page.Locator("body[data-ready=true] #silos tbody td").Nth(1)).ToHaveTextAsync("active");
        Assert.Equal(1, await page.EvaluateAsync<int>("window.clusterAsks"));

        await page.Clock.RunForAsync(5_000);
        Assert.Equal(2, await page.EvaluateAsync<int>("window.clusterAsks"));
        // Twenty seconds with that answer outstanding: four more periods, and nothing more asked.
        await page.Clock.RunForAsync(20_000);
        Assert.Equal(2, await page.EvaluateAsync<int>("window.clusterAsks"));

        held.SetResult();
        await Expect(page.Locator("#silos tbody td").Nth(1)).ToHaveTextAsync("joining");
        await page.Clock.RunForAsync(5_000);
        Assert.Equal(3, await page.EvaluateAsync<int>("window.clusterAsks"));
        await Expect(page.Locator("#silos tbody td").Nth(1)).ToHaveTextAsync("active");
        Assert.Empty(watch.Problems);
    }
}
