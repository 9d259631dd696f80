namespace Berth.Engine.Exec;

/// <summary>
/// The running exec's streams, for whoever attached: with a TTY one raw output stream (the
/// terminal), else stdout and stderr apart. Stdin is null unless the exec attached it; disposing
/// it (or reaching its end) gives the process EOF.
/// </summary>
public sealed class ExecIo(Stream? stdin, Stream stdout, Stream? stderr, bool tty) : IDisposable
{
    public Stream? Stdin { get; } = stdin;
    public Stream Stdout { get; } = stdout;
    public Stream? Stderr { get; } = stderr;
    public bool Tty { get; } = tty;

    public void Dispose()
    {
        Stdin?.Dispose();
        Stdout.Dispose();
        Stderr?.Dispose();
    }
}
