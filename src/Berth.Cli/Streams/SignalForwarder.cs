using System.Runtime.InteropServices;
using Berth.Cli.Client;
using Berth.Cli.Commands;

namespace Berth.Cli.Streams;

/// <summary>
/// docker's sig-proxy: while attached, SIGINT/SIGTERM/SIGHUP/SIGQUIT reaching the CLI are sent to
/// the container (POST /containers/{id}/kill?signal=) instead of ending the CLI, so the
/// container decides how to exit and the CLI still reports its status.
/// </summary>
internal sealed class SignalForwarder : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    public static SignalForwarder Start(CliContext ctx, string container)
    {
        var forwarder = new SignalForwarder();
        foreach (var (signal, name) in (ReadOnlySpan<(PosixSignal, string)>)
                 [(PosixSignal.SIGINT, "SIGINT"), (PosixSignal.SIGTERM, "SIGTERM"), (PosixSignal.SIGHUP, "SIGHUP"), (PosixSignal.SIGQUIT, "SIGQUIT")])
        {
            forwarder._registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                _ = Task.Run(async () =>
                {
                    try { await ctx.Client.SendAndForgetAsync(KillCommand.BuildRequest(container, name)).ConfigureAwait(false); }
                    catch (Exception ex) when (ex is DaemonException or DaemonUnreachableException or IOException) { }
                });
            }));
        }
        return forwarder;
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }
}
