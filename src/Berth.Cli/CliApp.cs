using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Commands;
using Berth.Cli.Parsing;

namespace Berth.Cli;

/// <summary>
/// The berth command tree and its driver: pflag-style pre-scan, System.CommandLine parse, help,
/// argument-count checks, execution, and the translation of every failure into docker's message
/// and exit status.
/// </summary>
internal sealed class CliApp
{
    private readonly CliContext _ctx;
    private readonly Option<string> _host;
    private readonly Option<bool> _version;

    public CliApp(CliContext ctx)
    {
        _ctx = ctx;
        Root = new CommandGroup(ctx.ProgramName, "A self-sufficient runtime for containers");
        _host = new Option<string>("--host", "-H") { Description = "Daemon socket to connect to", HelpName = "string" };
        _version = new Option<bool>("--version", "-v") { Description = "Print version information and quit", Arity = ArgumentArity.ZeroOrOne };
        Root.Add(_host);
        Root.Add(_version);
        Root.Add(new Option<bool>("--debug", "-D") { Description = "Enable debug mode", Arity = ArgumentArity.ZeroOrOne });
        Root.Add(new Option<string>("--log-level", "-l") { Description = "Set the logging level", HelpName = "string" });
        CommandTree.AddAll(Root);
    }

    public CommandGroup Root { get; }

    private static readonly ParserConfiguration ParserConfig = new() { ResponseFileTokenReplacer = null };

    /// <summary>Parses a command line; throws <see cref="UsageException"/> for what docker would refuse.</summary>
    public ParseResult Parse(IReadOnlyList<string> args)
    {
        var scan = FlagScanner.Scan(Root, args);
        var result = Root.Parse(scan.Tokens, ParserConfig);
        if (result.Errors.Count > 0)
            throw new UsageException(result.Errors[0].Message) { Command = scan.Command };
        return result;
    }

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct = default)
    {
        Command? command = null;
        try
        {
            var result = Parse(args);
            command = result.CommandResult.Command;
            _ctx.HostFlag = result.GetValue(_host);
            if (command == Root && result.GetValue(_version))
            {
                _ctx.Out.WriteLine($"Berth version {BuildInfo.Version}, build {BuildInfo.GitCommit}");
                return 0;
            }
            switch (command)
            {
                case CommandGroup:
                    // `berth` and `berth container` alone print their help, as docker does.
                    _ctx.Out.Write(HelpPrinter.Render(command));
                    return 0;
                case CliCommand cli when result.GetValue(cli.HelpFlag):
                    _ctx.Out.Write(HelpPrinter.Render(cli));
                    return 0;
                case CliCommand cli:
                    cli.ArgRule.Check(cli.Args(result).Length, CliCommand.PathOf(cli));
                    return await cli.ExecuteAsync(_ctx, result, ct).ConfigureAwait(false);
                default:
                    throw new InvalidOperationException($"unexpected command {command.Name}");
            }
        }
        catch (UsageException ex)
        {
            ReportUsage(ex, ex.Command ?? command ?? Root);
            return ex.ExitCode;
        }
        catch (CliError ex)
        {
            if (ex.Text is not null) _ctx.Err.WriteLine(ex.Text);
            return ex.ExitCode;
        }
        catch (DaemonException ex)
        {
            _ctx.Err.WriteLine(ex.Display);
            return 1;
        }
        catch (DaemonUnreachableException ex)
        {
            _ctx.Err.WriteLine(ex.Message);
            return 1;
        }
        catch (FormatException ex) when (command is not null)
        {
            _ctx.Err.WriteLine(ex.Message);
            return 1;
        }
        catch (IOException ex)
        {
            _ctx.Err.WriteLine("error during connect: " + ex.Message);
            return 1;
        }
    }

    private void ReportUsage(UsageException ex, Command command)
    {
        var path = CliCommand.PathOf(command);
        var text = ex.Prefixed ? $"{_ctx.ProgramName}: {ex.Message}" : ex.Message;
        if (ex.ShowUsage)
        {
            if (!ex.OmitUsageLine) text += $"\n\nUsage:  {HelpPrinter.UsageLine(command)}";
            text += $"\n\n{ex.TrailerVerb} '{path} --help' for more information";
        }
        _ctx.Err.WriteLine(text);
    }
}
