using System.Text;

namespace Berth.Engine.Logs;

/// <summary>
/// Reads conmon's log file record by record, where only '\n' ends a record. (StreamReader also ends
/// lines at '\r', which cut "10%\r100%" in two and lost the second half, and dropped the '\r' of
/// TTY output.) A record still being written, with no '\n' yet, is held back until it is complete.
/// </summary>
internal sealed class LogFileLines(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _partial = new();
    private int _start, _end;

    /// <summary>The next complete record without its '\n', or null when none is complete yet.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                _partial.Write(_buffer, _start, newline - _start);
                _start = newline + 1;
                var line = Encoding.UTF8.GetString(_partial.GetBuffer(), 0, (int)_partial.Length);
                _partial.SetLength(0);
                return line;
            }
            _partial.Write(_buffer, _start, _end - _start);
            _start = _end = 0;
            var read = await stream.ReadAsync(_buffer, ct).ConfigureAwait(false);
            if (read == 0) return null;
            _end = read;
        }
    }
}
