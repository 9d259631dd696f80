namespace Berth.Engine.Snapshots;

/// <summary>
/// Normalises tar entry names to a relative path inside the layer: leading "/" and "./" go, "." and
/// empty components are dropped, ".." is applied lexically. A name whose ".." climbs above the layer
/// root is refused rather than clamped, since no honest layer contains one.
/// </summary>
internal static class TarPath
{
    /// <summary>
    /// Writes the clean form of <paramref name="name"/> plus a NUL into <paramref name="destination"/>
    /// (grown as needed); returns its length (0 for the root itself) or -1 if it escapes the root.
    /// </summary>
    public static int Clean(ReadOnlySpan<byte> name, ref byte[] destination)
    {
        if (destination.Length < name.Length + 1)
            destination = new byte[Math.Max(name.Length + 1, destination.Length * 2)];
        var output = destination.AsSpan();
        var length = 0;
        var i = 0;
        while (i < name.Length)
        {
            while (i < name.Length && name[i] == '/')
                i++;
            var start = i;
            while (i < name.Length && name[i] != '/')
                i++;
            var component = name[start..i];
            if (component.IsEmpty || component.SequenceEqual("."u8))
                continue;
            if (component.SequenceEqual(".."u8))
            {
                if (length == 0)
                    return -1;
                length = Math.Max(output[..length].LastIndexOf((byte)'/'), 0);
                continue;
            }
            if (length > 0)
                output[length++] = (byte)'/';
            component.CopyTo(output[length..]);
            length += component.Length;
        }
        output[length] = 0;
        return length;
    }
}
