using Berth.Cli.Client;

namespace Berth.Cli.Commands;

/// <summary>
/// The pattern of stop, kill, rm, restart and wait: act on each named container in order, print
/// the name as given (or the operation's own output) on success, and report every failure together
/// at the end with exit status 1, as docker does.
/// </summary>
internal static class ContainerBatch
{
    public static async Task RunAsync(CliContext ctx, IEnumerable<string> names,
        Func<string, Task<string?>> operation)
    {
        var errors = new List<string>();
        foreach (var name in names)
        {
            try
            {
                var line = await operation(name).ConfigureAwait(false);
                if (line is not null) ctx.Out.WriteLine(line);
            }
            catch (DaemonException ex)
            {
                errors.Add(ex.Display);
            }
            catch (CliError ex) when (ex.Text is not null)
            {
                errors.Add(ex.Text);
            }
        }
        if (errors.Count > 0) throw new CliError(1, string.Join('\n', errors));
    }
}
