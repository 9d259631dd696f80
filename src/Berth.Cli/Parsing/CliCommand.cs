using System.CommandLine;
using Berth.Cli.Commands;

namespace Berth.Cli.Parsing;

/// <summary>
/// Base of every berth command. System.CommandLine only parses; execution, help and docker's
/// error messages are ours. All positionals land in one string array checked by an
/// <see cref="ArgRule"/>, so wrong counts get docker's wording instead of System.CommandLine's.
/// </summary>
internal abstract class CliCommand : Command
{
    protected CliCommand(string name, string description, string usageArgs, ArgRule args, bool helpShorthand = true)
        : base(name, description)
    {
        UsageArgs = usageArgs;
        ArgRule = args;
        Positionals = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore, Hidden = true };
        Add(Positionals);
        HelpFlag = helpShorthand ? Flag("--help", "-h", "Print usage") : Flag("--help", null, "Print usage");
        HelpFlag.Hidden = true;
    }

    /// <summary>The part of docker's "Use" line after the command path, e.g. "[OPTIONS] CONTAINER [CONTAINER...]".</summary>
    public string UsageArgs { get; }
    public ArgRule ArgRule { get; }
    public Argument<string[]> Positionals { get; }
    public Option<bool> HelpFlag { get; }

    /// <summary>
    /// run and create stop reading flags at the image name: everything after it is the
    /// container's command line, flags included (pflag's SetInterspersed(false)).
    /// </summary>
    public bool StopAtFirstPositional { get; protected init; }

    /// <summary>Other spellings of this command, for the help's "Aliases:" section.</summary>
    public string? AliasesHelp { get; init; }

    public abstract Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct);

    public string[] Args(ParseResult result) => result.GetValue(Positionals) ?? [];

    /// <summary>A boolean flag (pflag BoolVarP).</summary>
    internal Option<bool> Flag(string longName, string? shortName, string description, bool hidden = false)
    {
        var option = shortName is null ? new Option<bool>(longName) : new Option<bool>(longName, shortName);
        option.Description = description;
        option.Hidden = hidden;
        option.Arity = ArgumentArity.ZeroOrOne;
        Add(option);
        return option;
    }

    /// <summary>A single-valued flag, kept as text and converted by the command with docker's messages.</summary>
    internal Option<string> Value(string longName, string? shortName, string description, string typeName = "string",
        bool hidden = false)
    {
        var option = shortName is null ? new Option<string>(longName) : new Option<string>(longName, shortName);
        option.Description = description;
        option.HelpName = typeName;
        option.Hidden = hidden;
        Add(option);
        return option;
    }

    /// <summary>A repeatable flag (-e A -e B).</summary>
    internal Option<string[]> List(string longName, string? shortName, string description, string typeName = "list",
        bool hidden = false)
    {
        var option = shortName is null ? new Option<string[]>(longName) : new Option<string[]>(longName, shortName);
        option.Description = description;
        option.HelpName = typeName;
        option.Hidden = hidden;
        option.AllowMultipleArgumentsPerToken = false;
        Add(option);
        return option;
    }

    /// <summary>"berth container ls": this command's names from the root down.</summary>
    public static string PathOf(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is not null; s = s.Parents.FirstOrDefault())
            names.Add(s.Name);
        names.Reverse();
        return string.Join(' ', names);
    }
}
