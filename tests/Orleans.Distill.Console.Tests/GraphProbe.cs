using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Orleans.Distill.Console.Tests;

/// <summary>
/// What the evidence page's graph holds and how it is drawn. The graph is a canvas, so neither its nodes nor their
/// style are in the DOM; cytoscape keeps its instance on its container (<c>_cyreg</c>), which is read here instead of
/// giving the page a global of its own for tests.
/// </summary>
public static class GraphProbe
{
    private const string Cy = "document.getElementById('graph')._cyreg.cy";

    /// <summary>A drawn node and the style cytoscape computed for it.</summary>
    public sealed record Node(string Id, string Kind, bool Hub, bool Benign, bool Selected, string Color, string Shape, string BorderStyle, string BorderColor, string BorderWidth);

    public static async Task<IReadOnlyList<Node>> NodesAsync(IPage page)
    {
        var json = await page.EvaluateAsync<string>($$"""
            () => JSON.stringify({{Cy}}.nodes().map(n => ({
              id: n.id(), kind: n.data('kind'), hub: n.data('hub') === true, benign: n.data('benign') === true, selected: n.selected(),
              color: n.style('background-color'), shape: n.style('shape'), borderStyle: n.style('border-style'),
              borderColor: n.style('border-color'), borderWidth: n.style('border-width') })))
            """);
        return JsonSerializer.Deserialize<List<Node>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>Taps an element as a pointer would, through cytoscape's own event: links are too thin to hit reliably.</summary>
    public static Task TapAsync(IPage page, string id) =>
        page.EvaluateAsync($"id => {Cy}.getElementById(id).emit('tap')", id);

    /// <summary>Clicks a node with the mouse where it is drawn on the canvas.</summary>
    public static async Task ClickNodeAsync(IPage page, string id)
    {
        var graph = page.Locator("#graph");
        await graph.ScrollIntoViewIfNeededAsync();
        var box = (await graph.BoundingBoxAsync())!;
        var at = await page.EvaluateAsync<JsonElement>($"id => {Cy}.getElementById(id).renderedPosition()", id);
        await page.Mouse.ClickAsync(box.X + at.GetProperty("x").GetSingle(), box.Y + at.GetProperty("y").GetSingle());
    }

    /// <summary>The colour cytoscape reports for a CSS hex colour.</summary>
    public static string Rgb(string hex) => string.Create(CultureInfo.InvariantCulture,
        $"rgb({Convert.ToInt32(hex[1..3], 16)},{Convert.ToInt32(hex[3..5], 16)},{Convert.ToInt32(hex[5..7], 16)})");
}
