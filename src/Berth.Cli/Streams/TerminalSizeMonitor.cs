using System.Runtime.InteropServices;
using Berth.Cli.Client;
using Berth.Cli.Commands;

namespace Berth.Cli.Streams;

/// <summary>
/// docker's MonitorTtySize: the local terminal's size is sent to a TTY container or exec at once
/// (retried a few times, as the process may not have its terminal yet) and again on every SIGWINCH.
/// </summary>
internal sealed class TerminalSizeMonitor : IDisposable
{
    private readonly CliContext _ctx;
    private readonly Func<int, int, ApiRequest> _request;
    private readonly PosixSignalRegistration _registration;

    private TerminalSizeMonitor(CliContext ctx, Func<int, int, ApiRequest> request)
    {
        _ctx = ctx;
        _request = request;
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context =>
        {
            context.Cancel = true;
            _ = SendAsync(RawTerminal.Size());
        });
    }

    /// <param name="request">The resize request for a size (rows, columns).</param>
    public static TerminalSizeMonitor Start(CliContext ctx, Func<int, int, ApiRequest> request)
    {
        var monitor = new TerminalSizeMonitor(ctx, request);
        _ = monitor.SendInitialAsync();
        return monitor;
    }

    /// <summary>
    /// docker attach first sets a size one larger in each direction, then the real one: a program
    /// that already drew its screen (a shell's prompt) sees a change and draws it again.
    /// </summary>
    public static async Task<TerminalSizeMonitor> StartWithRedrawAsync(CliContext ctx, Func<int, int, ApiRequest> request)
    {
        if (RawTerminal.Size() is [var rows, var columns])
            await TrySendAsync(ctx, request(rows + 1, columns + 1)).ConfigureAwait(false);
        return Start(ctx, request);
    }

    private async Task SendInitialAsync()
    {
        for (var attempt = 0; attempt <= 10; attempt++)
        {
            if (attempt > 0) await Task.Delay(attempt * 10).ConfigureAwait(false);
            if (await SendAsync(RawTerminal.Size()).ConfigureAwait(false)) return;
        }
        await _ctx.Err.WriteLineAsync("failed to resize tty, using default size").ConfigureAwait(false);
    }

    private Task<bool> SendAsync(int[] size) =>
        size is [var rows, var columns] && (rows > 0 || columns > 0) ? TrySendAsync(_ctx, _request(rows, columns)) : Task.FromResult(true);

    private static async Task<bool> TrySendAsync(CliContext ctx, ApiRequest request)
    {
        try
        {
            await ctx.Client.SendAndForgetAsync(request).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is DaemonException or DaemonUnreachableException or IOException)
        {
            return false;
        }
    }

    public void Dispose() => _registration.Dispose();
}
