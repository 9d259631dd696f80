using System.Text;

namespace Berth.Daemon.Transport;

/// <summary>
/// Kestrel will not upgrade a request that has a body, yet Docker's POST /exec/{id}/start is a
/// hijack with a JSON body. On a connection's first request (Docker's clients dial a fresh
/// connection for every hijack) an upgrade's Content-Length header is renamed, in place and at the
/// same length, to <see cref="Name"/>: Kestrel sees no body and upgrades, and the handler reads
/// that many bytes from the upgraded stream before the client's stdin.
/// </summary>
internal static class UpgradeBodyHeader
{
    /// <summary>Same length as "Content-Length", so the rewrite needs no copy.</summary>
    public const string Name = "Upgrade-Length";

    /// <summary>Rewrites the head if <paramref name="data"/> holds a whole upgrade request head with a body.</summary>
    public static void Rewrite(Span<byte> data)
    {
        var end = data.IndexOf("\r\n\r\n"u8);
        if (end < 0) return;
        var head = data[..end];
        var hasUpgrade = false;
        var lengthAt = -1;
        var at = 0;
        while (at < head.Length)
        {
            var next = head[at..].IndexOf("\r\n"u8);
            var line = next < 0 ? head[at..] : head[at..(at + next)];
            if (StartsWithHeader(line, "Upgrade")) hasUpgrade = true;
            else if (StartsWithHeader(line, "Content-Length") && !IsZero(line["Content-Length:".Length..])) lengthAt = at;
            if (next < 0) break;
            at += next + 2;
        }
        if (hasUpgrade && lengthAt >= 0) Encoding.ASCII.GetBytes(Name).CopyTo(data[lengthAt..]);
    }

    private static bool StartsWithHeader(ReadOnlySpan<byte> line, string name) =>
        line.Length > name.Length && line[name.Length] == (byte)':'
        && Encoding.ASCII.GetString(line[..name.Length]).Equals(name, StringComparison.OrdinalIgnoreCase);

    private static bool IsZero(ReadOnlySpan<byte> value) => Encoding.ASCII.GetString(value).Trim() == "0";
}
