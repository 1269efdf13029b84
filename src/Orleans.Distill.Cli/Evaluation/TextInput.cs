using System.IO.Compression;

namespace Orleans.Distill.Cli.Evaluation;

/// <summary>
/// Reads a text input whether it is plain or gzipped (a name ending in <c>.gz</c>): the real data sets are kept
/// compressed in the repository, and are evaluated from there as they are.
/// </summary>
public static class TextInput
{
    public static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    public static TextReader Open(string path)
    {
        Stream stream = File.OpenRead(path);
        if (IsGzip(path))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream);
    }

    public static IEnumerable<string> ReadLines(string path)
    {
        using var reader = Open(path);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    public static async Task<string[]> ReadAllLinesAsync(string path, CancellationToken cancellation)
    {
        var lines = new List<string>();
        using var reader = Open(path);
        while (await reader.ReadLineAsync(cancellation) is { } line)
        {
            lines.Add(line);
        }

        return [.. lines];
    }

    /// <summary>The plain file in <paramref name="folder"/> if it is there, else its gzipped form, else null.</summary>
    public static string? Find(DirectoryInfo folder, string name)
    {
        var plain = Path.Combine(folder.FullName, name);
        var gzipped = plain + ".gz";
        return File.Exists(plain) ? plain : File.Exists(gzipped) ? gzipped : null;
    }
}
