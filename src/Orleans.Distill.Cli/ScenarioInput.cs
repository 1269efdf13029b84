using Orleans.Distill.Cli.Evaluation;

namespace Orleans.Distill.Cli;

/// <summary>The inputs <c>evaluate</c> and <c>load</c> share, checked before anything is sent: one line naming the option.</summary>
public static class ScenarioInput
{
    /// <summary>
    /// The scenario files in <paramref name="folder"/> (each plain or gzipped, <c>.gz</c>), or why it does not hold them.
    /// </summary>
    public static (string EventsPath, string LabelsPath, string? Error) Files(DirectoryInfo folder)
    {
        var events = TextInput.Find(folder, "events.ndjson");
        var labels = TextInput.Find(folder, "labels.csv");
        return events is not null && labels is not null
            ? (events, labels, null)
            : (events ?? Path.Combine(folder.FullName, "events.ndjson"), labels ?? Path.Combine(folder.FullName, "labels.csv"),
                $"--in: {folder.FullName} must hold events.ndjson and labels.csv, each plain or gzipped (.gz) (run simulate first)");
    }

    /// <summary>The host's address, or why <paramref name="value"/> is not one.</summary>
    public static (Uri? Url, string? Error) HostUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? (url, null)
            : (null, $"--url: '{value}' is not an http(s) address");
}
