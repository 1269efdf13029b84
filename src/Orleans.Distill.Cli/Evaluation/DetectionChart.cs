using ScottPlot;

namespace Orleans.Distill.Cli.Evaluation;

/// <summary>Detection over event time: the share of each campaign's accounts flagged as the replay went on.</summary>
public static class DetectionChart
{
    public static void Write(string path, IReadOnlyList<(DateTime At, Dictionary<string, double> Shares)> series)
    {
        var plot = new Plot();
        if (series.Count > 0)
        {
            var times = series.Select(p => p.At.ToOADate()).ToArray();
            foreach (var campaign in series[^1].Shares.Keys.Order(StringComparer.Ordinal))
            {
                var line = plot.Add.Scatter(times, [.. series.Select(p => 100 * p.Shares.GetValueOrDefault(campaign))]);
                line.LegendText = campaign;
            }

            plot.Axes.DateTimeTicksBottom();
        }

        plot.Title("Campaign accounts flagged over event time");
        plot.YLabel("% of the campaign's accounts flagged");
        plot.Axes.SetLimitsY(0, 105);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1000, 600);
    }
}
