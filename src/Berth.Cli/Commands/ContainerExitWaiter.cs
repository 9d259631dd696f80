using System.Text.Json;
using Berth.Cli.Client;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>
/// The wait that `run` and `start -a` register before starting the container
/// (POST /containers/{id}/wait?condition=next-exit, or removed with --rm), so an exit that
/// happens right after start is not missed. Docker daemons send the response head at once and
/// the status when the container exits; a daemon that holds the head back only costs a short
/// grace period before the start goes ahead anyway.
/// </summary>
internal sealed class ContainerExitWaiter : IDisposable
{
    private static readonly TimeSpan RegistrationGrace = TimeSpan.FromSeconds(2);
    private readonly Task<HttpResponse> _response;

    private ContainerExitWaiter(Task<HttpResponse> response) => _response = response;

    public static Task<ContainerExitWaiter> RegisterAsync(CliContext ctx, string container, bool untilRemoved, CancellationToken ct) =>
        RegisterAsync(ctx, container, untilRemoved ? "removed" : "next-exit", ct);

    /// <param name="condition">The wait's condition: next-exit, removed or not-running.</param>
    public static async Task<ContainerExitWaiter> RegisterAsync(CliContext ctx, string container, string condition, CancellationToken ct)
    {
        var response = ctx.Client.SendAsync(WaitCommand.BuildRequest(container, condition), ct);
        await Task.WhenAny(response, Task.Delay(RegistrationGrace, ct)).ConfigureAwait(false);
        return new ContainerExitWaiter(response);
    }

    /// <summary>The container's exit status; 125 (with docker's message) when the wait itself failed.</summary>
    public async Task<int> StatusAsync(CliContext ctx, CancellationToken ct)
    {
        try
        {
            using var response = await _response.ConfigureAwait(false);
            var bytes = await response.ReadBodyAsync(ct).ConfigureAwait(false);
            var result = JsonSerializer.Deserialize(bytes, ProtocolJson.Default.ContainerWaitResponse);
            if (result?.Error is { Message.Length: > 0 } error)
            {
                ctx.Err.WriteLine("Error waiting for container: " + error.Message);
                return 125;
            }
            return (int)(result?.StatusCode ?? 125);
        }
        catch (Exception ex) when (ex is DaemonException or DaemonUnreachableException or IOException or JsonException)
        {
            ctx.Err.WriteLine("error waiting for container: " + (ex is DaemonException d ? d.Display : ex.Message));
            return 125;
        }
    }

    /// <summary>Waits for the daemon to finish (e.g. removing an --rm container), ignoring the outcome.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _response.ConfigureAwait(false);
            await response.Body.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DaemonException or DaemonUnreachableException or IOException) { }
    }

    public void Dispose()
    {
        if (_response.IsCompletedSuccessfully) _response.Result.Dispose();
        else _ = _response.ContinueWith(t => { if (t.IsCompletedSuccessfully) t.Result.Dispose(); }, TaskScheduler.Default);
    }
}
