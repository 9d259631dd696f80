using Berth.Cli;
using Berth.Cli.Commands;

return await new CliApp(CliContext.FromConsole()).RunAsync(args).ConfigureAwait(false);
