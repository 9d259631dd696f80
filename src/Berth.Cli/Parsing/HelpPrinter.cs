using System.CommandLine;
using System.Text;

namespace Berth.Cli.Parsing;

/// <summary>Writes `--help` output in docker's layout (Usage, description, Aliases, Options/Commands).</summary>
internal static class HelpPrinter
{
    public static string UsageLine(Command command) => command switch
    {
        CliCommand c => CliCommand.PathOf(c) + " " + c.UsageArgs,
        _ when command.Parents.FirstOrDefault() is null => CliCommand.PathOf(command) + " [OPTIONS] COMMAND",
        _ => CliCommand.PathOf(command) + " COMMAND",
    };

    public static string Render(Command command)
    {
        var sb = new StringBuilder();
        sb.Append("Usage:  ").Append(UsageLine(command)).Append("\n\n");
        if (!string.IsNullOrEmpty(command.Description)) sb.Append(command.Description).Append('\n');
        if (command is CliCommand { AliasesHelp: { } aliases })
            sb.Append("\nAliases:\n  ").Append(aliases).Append('\n');

        if (command is CommandGroup)
        {
            var groups = command.Subcommands.Where(c => c is CommandGroup && !c.Hidden).ToList();
            var leaves = command.Subcommands.Where(c => c is not CommandGroup && !c.Hidden).ToList();
            if (groups.Count > 0) AppendCommands(sb, "Management Commands:", groups);
            if (leaves.Count > 0) AppendCommands(sb, "Commands:", leaves);
        }
        var options = command.Options.Where(o => !o.Hidden).ToList();
        if (options.Count > 0)
        {
            sb.Append(command.Parents.FirstOrDefault() is null ? "\nGlobal Options:\n" : "\nOptions:\n");
            var left = options.Select(OptionColumn).ToList();
            var width = left.Max(l => l.Length) + 3;
            for (var i = 0; i < options.Count; i++)
                sb.Append(left[i].PadRight(width)).Append(options[i].Description).Append('\n');
        }
        if (command is CommandGroup)
            sb.Append("\nRun '").Append(CliCommand.PathOf(command)).Append(" COMMAND --help' for more information on a command.\n");
        return sb.ToString();
    }

    private static void AppendCommands(StringBuilder sb, string title, List<Command> commands)
    {
        sb.Append('\n').Append(title).Append('\n');
        var width = Math.Max(commands.Max(c => c.Name.Length) + 2, 12);
        foreach (var c in commands.OrderBy(c => c.Name, StringComparer.Ordinal))
            sb.Append("  ").Append(c.Name.PadRight(width)).Append(c.Description).Append('\n');
    }

    private static string OptionColumn(Option option)
    {
        var shortName = option.Aliases.FirstOrDefault(a => a.Length == 2 && a[0] == '-');
        var sb = new StringBuilder("  ");
        sb.Append(shortName is null ? "    " : shortName + ", ");
        sb.Append(option.Name);
        if (option.ValueType != typeof(bool)) sb.Append(' ').Append(option.HelpName ?? "string");
        return sb.ToString();
    }
}
