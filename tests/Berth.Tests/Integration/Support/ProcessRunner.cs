using System.Diagnostics;
using System.Text;

namespace Berth.Tests.Integration.Support;

/// <summary>Runs a program to completion with a timeout, capturing stdout and stderr apart.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string program, IEnumerable<string> args, IDictionary<string, string>? env = null,
        byte[]? stdin = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        var outBuffer = new MemoryStream();
        var errBuffer = new MemoryStream();
        var outTask = process.StandardOutput.BaseStream.CopyToAsync(outBuffer);
        var errTask = process.StandardError.BaseStream.CopyToAsync(errBuffer);
        try
        {
            if (stdin is not null) await process.StandardInput.BaseStream.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program stopped reading (a refused upload ends before the body): as `cat x | prog`, not an error.
        }
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', psi.ArgumentList)} did not finish in {timeout ?? TimeSpan.FromSeconds(60)}");
        }
        await Task.WhenAll(outTask, errTask);
        return new ProcessResult(process.ExitCode, Encoding.UTF8.GetString(outBuffer.ToArray()), Encoding.UTF8.GetString(errBuffer.ToArray()));
    }
}
