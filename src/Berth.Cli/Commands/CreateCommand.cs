using System.CommandLine;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Berth.Protocol.Containers;

namespace Berth.Cli.Commands;

/// <summary>`berth create [OPTIONS] IMAGE [COMMAND] [ARG...]`: creates the container and prints its ID.</summary>
internal sealed class CreateCommand : CliCommand
{
    private readonly ContainerFlags _flags;

    public CreateCommand(string name = "create")
        : base(name, "Create a new container", "[OPTIONS] IMAGE [COMMAND] [ARG...]", ArgRule.AtLeast(1), helpShorthand: false)
    {
        AliasesHelp = "berth container create, berth create";
        StopAtFirstPositional = true;
        _flags = new ContainerFlags(this);
    }

    /// <summary>The create body and container name for this command line (no I/O besides --env-file reads).</summary>
    public (ContainerCreateRequest Body, string? Name, ContainerFlagValues Values) BuildCreate(ParseResult result, CliContext ctx)
    {
        var args = Args(result);
        var values = _flags.Read(result) with { ConsoleSize = RunCommand.ConsoleSize(ctx) };
        var body = ContainerCreateMapper.Map(values, args[0], args[1..], ctx.GetEnv, ctx.ReadFile);
        return (body, values.Name, values);
    }

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var (body, name, values) = BuildCreate(result, ctx);
        var pull = ContainerCreator.ValidatePull(values.Pull);
        // docker create reports daemon errors plainly with exit status 1 (unlike run's 125).
        var id = await ContainerCreator.CreateAsync(ctx, body, name, pull, values.Quiet, ct)
            .ConfigureAwait(false);
        ctx.Out.WriteLine(id);
        return 0;
    }
}
