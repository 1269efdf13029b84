namespace Orleans.Distill.Cli.Evaluation;

/// <summary>A row of <c>labels.csv</c>: whether the account is a campaign's, and which campaign or organic kind.</summary>
public sealed record LabelledAccount(string Account, bool Fraud, string Group)
{
    public static Dictionary<string, LabelledAccount> Read(string path)
    {
        var labels = new Dictionary<string, LabelledAccount>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1 || line.Length == 0)
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

        return labels;
    }
}
