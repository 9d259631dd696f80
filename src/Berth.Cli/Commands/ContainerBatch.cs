using Berth.Cli.Client;

namespace Berth.Cli.Commands;

/// <summary>
/// The pattern of stop, kill, rm, pause, restart and wait: act on each named container, print the
/// name as given (or the operation's own output) on success in the order given, and report every
/// failure together at the end with exit status 1, as docker does. With <c>parallel</c> the
/// requests all go out at once, at most 50 in flight (docker's parallelOperation for stop, kill,
/// rm, pause and unpause); results are still printed in argument order.
/// </summary>
internal static class ContainerBatch
{
    private const int MaxInFlight = 50;

    public static async Task RunAsync(CliContext ctx, IEnumerable<string> names,
        Func<string, Task<string?>> operation, bool parallel = false)
    {
        var errors = new List<string>();
        var list = names.ToList();
        using var slots = new SemaphoreSlim(MaxInFlight);
        async Task<string?> Limited(string name)
        {
            await slots.WaitAsync().ConfigureAwait(false);
            try { return await operation(name).ConfigureAwait(false); }
            finally { slots.Release(); }
        }
        // Parallel: every operation started now; sequential: each one started when its turn comes.
        var started = parallel ? list.Select(Limited).ToList() : null;
        for (var i = 0; i < list.Count; i++)
        {
            try
            {
                var line = await (started is not null ? started[i] : operation(list[i])).ConfigureAwait(false);
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
