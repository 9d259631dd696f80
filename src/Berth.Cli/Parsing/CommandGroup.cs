using System.CommandLine;

namespace Berth.Cli.Parsing;

/// <summary>A command that only holds subcommands (`berth container`, `berth image`, the root).</summary>
internal sealed class CommandGroup : Command
{
    public CommandGroup(string name, string description) : base(name, description)
    {
        HelpFlag = new Option<bool>("--help", "-h") { Description = "Print usage", Hidden = true, Arity = ArgumentArity.ZeroOrOne };
        Add(HelpFlag);
        // Without an action System.CommandLine demands a subcommand; berth prints help instead.
        SetAction(_ => 0);
    }

    public Option<bool> HelpFlag { get; }
}
