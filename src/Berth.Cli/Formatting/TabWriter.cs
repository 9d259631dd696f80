using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>
/// Docker's table alignment: its fork of Go's text/tabwriter, created as NewWriter(out, 10, 1, 3, ' ', 0).
/// Cells end at '\t'; consecutive lines with a cell in the same column form a block whose width is
/// the widest cell plus 3 (at least 10). The last cell of a line is never padded.
/// </summary>
internal static class TabWriter
{
    private const int MinWidth = 10;
    private const int Padding = 3;

    public static string Align(string text, int minWidth = MinWidth)
    {
        // '\v' ends a cell like '\t'; '\f' ends a line like '\n' (and a block, which line
        // separation already implies for the cells that matter here).
        var lines = text.Replace('\f', '\n').Split('\n');
        var cells = lines.Select(l => l.Split('\t', '\v')).ToArray();
        var widths = cells.Select(line => line.Select(DisplayWidth.Of).ToArray()).ToArray();

        // columnWidth[i][k] is the padded width of column k on line i (terminated cells only).
        var columnWidths = new int[lines.Length][];
        for (var i = 0; i < lines.Length; i++)
            columnWidths[i] = new int[Math.Max(cells[i].Length - 1, 0)];
        var maxColumns = cells.Max(c => c.Length);
        for (var k = 0; k < maxColumns - 1; k++)
        {
            var i = 0;
            while (i < lines.Length)
            {
                if (cells[i].Length - 1 <= k)
                {
                    i++;
                    continue;
                }
                // A block: the run of adjacent lines that all have a terminated cell in column k.
                var start = i;
                var width = minWidth;
                for (; i < lines.Length && cells[i].Length - 1 > k; i++)
                    width = Math.Max(width, widths[i][k] + Padding);
                for (var j = start; j < i; j++)
                    columnWidths[j][k] = width;
            }
        }

        var sb = new StringBuilder(text.Length * 2);
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
                sb.Append('\n');
            for (var k = 0; k < cells[i].Length; k++)
            {
                sb.Append(cells[i][k]);
                if (k < cells[i].Length - 1)
                    sb.Append(' ', columnWidths[i][k] - widths[i][k]);
            }
        }
        return sb.ToString();
    }
}
