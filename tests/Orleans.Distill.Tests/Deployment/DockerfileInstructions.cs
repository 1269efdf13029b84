namespace Orleans.Distill.Tests.Deployment;

/// <summary>One Dockerfile instruction: its keyword, upper-cased, and the rest of its (continued) line.</summary>
public sealed record DockerfileInstruction(string Keyword, string Arguments, int Line);

/// <summary>The instructions of a Dockerfile, with comments dropped and backslash continuations joined.</summary>
public static class DockerfileInstructions
{
    public static IReadOnlyList<DockerfileInstruction> Parse(string text)
    {
        var instructions = new List<DockerfileInstruction>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var start = i + 1;
            var joined = line;
            while (joined.EndsWith('\\') && i + 1 < lines.Length)
            {
                var next = lines[++i].Trim();
                joined = joined[..^1].TrimEnd() + (next.StartsWith('#') ? "" : " " + next);
            }

            var space = joined.IndexOfAny([' ', '\t']);
            instructions.Add(space < 0
                ? new DockerfileInstruction(joined.ToUpperInvariant(), "", start)
                : new DockerfileInstruction(joined[..space].ToUpperInvariant(), joined[(space + 1)..].Trim(), start));
        }

        return instructions;
    }

    /// <summary>The instructions of the last stage: everything from the last FROM on.</summary>
    public static IReadOnlyList<DockerfileInstruction> FinalStage(IReadOnlyList<DockerfileInstruction> instructions)
    {
        var lastFrom = instructions.Select((instruction, index) => (instruction, index)).LastOrDefault(x => x.instruction.Keyword == "FROM");
        return lastFrom.instruction is null ? [] : instructions.Skip(lastFrom.index).ToList();
    }

    /// <summary>The variables set by ENV instructions, in both the <c>KEY=value ...</c> and the <c>KEY value</c> forms.</summary>
    public static Dictionary<string, string> Environment(IEnumerable<DockerfileInstruction> instructions)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in instructions.Where(i => i.Keyword == "ENV"))
        {
            var words = instruction.Arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0 && !words[0].Contains('='))
            {
                env[words[0]] = string.Join(' ', words.Skip(1)).Trim('"');
                continue;
            }

            foreach (var word in words)
            {
                var equals = word.IndexOf('=');
                if (equals > 0)
                {
                    env[word[..equals]] = word[(equals + 1)..].Trim('"');
                }
            }
        }

        return env;
    }
}
