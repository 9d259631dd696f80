using System.Diagnostics;
using System.Text;

namespace Berth.Tests.Integration.Support;

/// <summary>
/// A program the test talks to while it runs: its output (stdout and stderr together) is collected
/// as it comes, input is written when the test chooses, and the test waits for text with a
/// deadline rather than sleeping. <see cref="StartInTerminal"/> runs a shell command line under
/// `script`, so the program has a real pseudo-terminal whose size the test sets.
/// </summary>
public sealed class InteractiveProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _readers;

    private InteractiveProcess(Process process)
    {
        _process = process;
        _readers = Task.WhenAll(ReadAsync(process.StandardOutput.BaseStream), ReadAsync(process.StandardError.BaseStream));
    }

    public int Pid => _process.Id;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static InteractiveProcess Start(string program, IEnumerable<string> args, IDictionary<string, string> env)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        return new InteractiveProcess(Process.Start(psi)!);
    }

    /// <summary>`script -qec "stty rows R cols C; COMMAND" /dev/null`: the command's exit code becomes script's.</summary>
    public static InteractiveProcess StartInTerminal(string commandLine, IDictionary<string, string> env, int rows = 33, int columns = 101) =>
        Start("script", ["-qec", $"stty rows {rows} cols {columns}; {commandLine}", "/dev/null"], env);

    private async Task ReadAsync(Stream stream)
    {
        var buffer = new byte[4096];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            var count = decoder.GetChars(buffer, 0, n, chars, 0);
            lock (_output) _output.Append(chars, 0, count);
        }
    }

    /// <summary>Waits until the output contains <paramref name="text"/> (after <paramref name="from"/>); returns where it ends.</summary>
    public async Task<int> WaitForOutputAsync(string text, int from = 0, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var output = Output;
            var at = from < output.Length ? output.IndexOf(text, from, StringComparison.Ordinal) : -1;
            if (at >= 0) return at + text.Length;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"\"{text}\" did not appear in {timeoutSeconds} s; the output was:\n{output}");
            if (_process.HasExited && _readers.IsCompleted)
                throw new Xunit.Sdk.XunitException($"the program exited ({_process.ExitCode}) before \"{text}\" appeared; the output was:\n{output}");
            await Task.Delay(20);
        }
    }

    public async Task SendAsync(string text)
    {
        await _process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await _process.StandardInput.BaseStream.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    public async Task<int> WaitForExitAsync(int timeoutSeconds = 20)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            await _readers.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"the program did not exit in {timeoutSeconds} s; the output was:\n{Output}");
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
