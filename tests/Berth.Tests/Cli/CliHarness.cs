using System.CommandLine;
using System.Text;
using Berth.Cli;
using Berth.Cli.Client;
using Berth.Cli.Commands;

namespace Berth.Tests.Cli;

/// <summary>Runs berth in-process over memory streams, optionally against a <see cref="FakeDaemon"/>.</summary>
internal sealed class CliHarness
{
    private readonly MemoryStream _stdout = new();
    private readonly MemoryStream _stderr = new();

    public CliHarness(DaemonEndpoint? endpoint = null, Dictionary<string, string>? env = null, byte[]? stdin = null,
        Dictionary<string, byte[]>? files = null, bool terminal = false)
    {
        Env = env ?? [];
        Context = new CliContext(new MemoryStream(stdin ?? []), _stdout, _stderr, name => Env.GetValueOrDefault(name),
            stdinIsTerminal: terminal, stdoutIsTerminal: terminal)
        {
            EndpointOverride = endpoint,
            Clock = () => DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            ReadFile = files is null ? File.ReadAllBytes : name => files.TryGetValue(name, out var f) ? f : throw new FileNotFoundException(name),
        };
        App = new CliApp(Context);
    }

    public Dictionary<string, string> Env { get; }
    public CliContext Context { get; }
    public CliApp App { get; }
    public string Stdout => Encoding.UTF8.GetString(_stdout.ToArray());
    public string Stderr => Encoding.UTF8.GetString(_stderr.ToArray());

    public Task<int> RunAsync(params string[] args) => App.RunAsync(args);

    public ParseResult Parse(params string[] args) => App.Parse(args);
}
