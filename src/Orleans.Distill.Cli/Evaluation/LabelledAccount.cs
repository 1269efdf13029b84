namespace Orleans.Distill.Cli.Evaluation;

/// <summary>
/// A row of <c>labels.csv</c>: whether the account is a campaign's, and which campaign or organic kind (its family).
/// The third column is named <c>campaign</c> by <c>simulate</c> and <c>kind</c> in the real data sets.
/// </summary>
public sealed record LabelledAccount(string Account, bool Fraud, string Group)
{
    private static readonly string[] Headers = ["account,label,campaign", "account,label,kind", "account,label,family"];

    /// <summary>Reads a plain or gzipped (<c>.gz</c>) file.</summary>
    /// <exception cref="FormatException">Names the file and line: a malformed row, or a family holding both labels.</exception>
    public static Dictionary<string, LabelledAccount> Read(string path)
    {
        var labels = new Dictionary<string, LabelledAccount>();
        var lineNumber = 0;
        foreach (var line in TextInput.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1)
            {
                if (!Headers.Contains(line.Trim()))
                {
                    throw new FormatException($"{path} line 1: expected the header {string.Join(" or ", Headers)}");
                }

                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 3 || fields[1] is not ("0" or "1"))
            {
                throw new FormatException($"{path} line {lineNumber}: expected account,label,campaign with label 0 or 1");
            }

            labels[fields[0]] = new LabelledAccount(fields[0], fields[1] == "1", fields[2]);
        }

        // Every per-family figure reads a family as all campaign or all organic.
        if (labels.Values.GroupBy(l => l.Group).FirstOrDefault(g => g.Select(l => l.Fraud).Distinct().Count() > 1) is { } mixed)
        {
            throw new FormatException($"{path}: family '{mixed.Key}' holds accounts labelled 0 and 1; a family is either a campaign or organic");
        }

        return labels;
    }
}
