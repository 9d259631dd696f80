namespace Berth.Protocol.Streams;

/// <summary>
/// Docker's detach key sequence ("ctrl-p,ctrl-q" by default) watched for in a TTY session's input.
/// Bytes that might begin the sequence are held back until it is clear they do not; once the whole
/// sequence is typed the session detaches and the sequence itself is never delivered.
/// </summary>
public sealed class DetachKeys
{
    public const string Default = "ctrl-p,ctrl-q";
    private readonly byte[] _keys;
    private int _matched;

    private DetachKeys(byte[] keys) => _keys = keys;

    /// <summary>Docker's syntax: comma-separated single characters or ctrl-[a-z@[\]^_].</summary>
    public static DetachKeys Parse(string? spec)
    {
        if (string.IsNullOrEmpty(spec)) spec = Default;
        var keys = new List<byte>();
        foreach (var token in spec.Split(','))
        {
            if (token.Length == 1 && token[0] < 0x80) keys.Add((byte)token[0]);
            else if (token.Length == 6 && token.StartsWith("ctrl-", StringComparison.Ordinal) && Control(token[5]) is { } b) keys.Add(b);
            else throw new FormatException($"Invalid escape keys ({spec}) provided");
        }
        return new DetachKeys([.. keys]);
    }

    private static byte? Control(char c) => c switch
    {
        >= 'a' and <= 'z' => (byte)(c - 'a' + 1),
        '@' => 0,
        '[' => 27,
        '\\' => 28,
        ']' => 29,
        '^' => 30,
        '_' => 31,
        _ => null,
    };

    /// <summary>Appends what should reach the process to <paramref name="output"/>; true once the sequence is complete.</summary>
    public bool Filter(ReadOnlySpan<byte> input, List<byte> output)
    {
        foreach (var b in input)
        {
            if (b == _keys[_matched])
            {
                if (++_matched == _keys.Length) { _matched = 0; return true; }
                continue;
            }
            // Not the sequence after all: deliver what was held, then look at this byte afresh.
            for (var i = 0; i < _matched; i++) output.Add(_keys[i]);
            _matched = 0;
            if (b == _keys[0])
            {
                if (_keys.Length == 1) return true;
                _matched = 1;
            }
            else output.Add(b);
        }
        return false;
    }
}
