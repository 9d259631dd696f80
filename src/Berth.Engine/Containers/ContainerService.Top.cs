using System.Diagnostics;
using System.Text.Json;
using Berth.Engine.Errors;

namespace Berth.Engine.Containers;

/// <summary>`top`: the container's pids from its cgroup (`runc ps`), described by the host's `ps`.</summary>
public sealed partial class ContainerService
{
    public async Task<(List<string> Titles, List<List<string>> Processes)> TopAsync(Container c, string? psArgs, CancellationToken ct)
    {
        if (!c.State.IsRunning) throw BerthException.Conflict($"Container {c.Id} is not running");
        if (c.State.Status == ContainerStatus.Restarting)
            throw BerthException.Conflict($"Container {c.Id} is restarting, wait until the container is running");
        var pidsJson = await RunAsync(_runtime.RuncPath, ["--root=" + _runtime.RuncRoot, "ps", "--format", "json", c.Id], ct).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(pidsJson) ? "[]" : pidsJson);
        var pids = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().Select(p => p.GetInt32()).ToList() : [];
        var args = (string.IsNullOrWhiteSpace(psArgs) ? "-ef" : psArgs).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var output = await RunAsync("ps", args, ct).ConfigureAwait(false);
        return ProcessTable.Parse(output, pids.ToHashSet());
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = await process.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw BerthException.System($"Error running top: {(await stderr.ConfigureAwait(false)).Trim()}");
        return stdout;
    }
}
