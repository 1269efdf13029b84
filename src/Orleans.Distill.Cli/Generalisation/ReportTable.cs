using System.Text;
using Spectre.Console;

namespace Orleans.Distill.Cli.Generalisation;

/// <summary>A table of text, drawn in the terminal and written as Markdown from the same rows, so they cannot disagree.</summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, string? Note = null)
{
    public Table ToSpectre()
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(Title)) };
        foreach (var column in Columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        foreach (var row in Rows)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        if (Note is not null)
        {
            table.Caption = new TableTitle(Markup.Escape(Note));
        }

        return table;
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("### ").AppendLine(Title).AppendLine();
        text.AppendLine(Line(Columns));
        text.AppendLine(Line(Columns.Select(_ => "---")));
        foreach (var row in Rows)
        {
            text.AppendLine(Line(row));
        }

        if (Note is not null)
        {
            text.AppendLine().AppendLine(Note);
        }

        return text.AppendLine().ToString();
    }

    private static string Line(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |";
}
