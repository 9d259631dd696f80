using System.Text;
using Berth.Cli.Client;

namespace Berth.Cli.Commands;

/// <summary>
/// Everything a command touches outside itself: the three standard streams, the environment,
/// whether stdin/stdout are terminals, the clock and the daemon connection. Tests build one over
/// memory streams and a fake daemon socket.
/// </summary>
internal sealed class CliContext
{
    private DaemonClient? _client;

    public CliContext(Stream stdin, Stream stdout, Stream stderr, Func<string, string?> getEnv,
        bool stdinIsTerminal = false, bool stdoutIsTerminal = false)
    {
        Stdin = stdin;
        StdoutStream = stdout;
        StderrStream = stderr;
        GetEnv = getEnv;
        StdinIsTerminal = stdinIsTerminal;
        StdoutIsTerminal = stdoutIsTerminal;
        var utf8 = new UTF8Encoding(false);
        // Auto-flushed so text and raw bytes written to the same stream never reorder.
        Out = new StreamWriter(stdout, utf8, 4096, leaveOpen: true) { AutoFlush = true, NewLine = "\n" };
        Err = new StreamWriter(stderr, utf8, 1024, leaveOpen: true) { AutoFlush = true, NewLine = "\n" };
    }

    public static CliContext FromConsole() => new(
        Console.IsInputRedirected ? Console.OpenStandardInput() : Terminal(0, FileAccess.Read),
        Console.IsOutputRedirected ? Console.OpenStandardOutput() : Terminal(1, FileAccess.Write),
        Console.IsErrorRedirected ? Console.OpenStandardError() : Terminal(2, FileAccess.Write),
        Environment.GetEnvironmentVariable, !Console.IsInputRedirected, !Console.IsOutputRedirected);

    /// <summary>
    /// A terminal is read and written as a plain fd: Console's streams would first write terminfo's
    /// keypad string to it (turning the cursor keys to application mode), which docker never does.
    /// </summary>
    private static FileStream Terminal(int fd, FileAccess access) =>
        new(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false), access, bufferSize: 0);

    public Stream Stdin { get; }
    public Stream StdoutStream { get; }
    public Stream StderrStream { get; }
    public TextWriter Out { get; }
    public TextWriter Err { get; }
    public Func<string, string?> GetEnv { get; }
    public bool StdinIsTerminal { get; }
    public bool StdoutIsTerminal { get; }
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>The program name used in messages ("berth: ...", "Run 'berth --help'").</summary>
    public string ProgramName { get; init; } = "berth";

    /// <summary>The -H/--host value, set once the global flags are parsed.</summary>
    public string? HostFlag { get; set; }

    /// <summary>Set by tests to reach an in-process fake daemon.</summary>
    public DaemonEndpoint? EndpointOverride { get; init; }

    /// <summary>The daemon connection; nothing is dialled until a command sends its first request.</summary>
    public DaemonClient Client => _client ??= new DaemonClient(EndpointOverride ?? DaemonEndpoint.Resolve(HostFlag, GetEnv));

    /// <summary>Reads a file named on the command line (--env-file, -i, ...); "-" is not special here.</summary>
    public Func<string, byte[]> ReadFile { get; init; } = File.ReadAllBytes;
}
