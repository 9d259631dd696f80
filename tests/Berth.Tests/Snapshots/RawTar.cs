using System.Text;

namespace Berth.Tests.Snapshots;

/// <summary>Hand-made tar blocks for what TarWriter cannot express (binary PAX values, odd type flags).</summary>
public static class RawTar
{
    public static byte[] Header(string name, char type, long size, string mode = "0000644", string link = "")
    {
        var block = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(block, 0);
        Encoding.ASCII.GetBytes(mode + "\0").CopyTo(block, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(block, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(block, 116);
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(block, 124);
        Encoding.ASCII.GetBytes("14000000000\0").CopyTo(block, 136);
        block[156] = (byte)type;
        Encoding.ASCII.GetBytes(link).CopyTo(block, 157);
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(block, 257);
        "        "u8.CopyTo(block.AsSpan(148));
        var sum = block.Sum(b => (long)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(block, 148);
        return block;
    }

    /// <summary>A PAX record "LEN key=value\n" with a raw byte value.</summary>
    public static byte[] PaxRecord(string key, byte[] value)
    {
        var body = Encoding.ASCII.GetBytes(" " + key + "=").Concat(value).Append((byte)'\n').ToArray();
        var length = body.Length + 1;
        while (length.ToString().Length + body.Length != length)
            length = length.ToString().Length + body.Length;
        return Encoding.ASCII.GetBytes(length.ToString()).Concat(body).ToArray();
    }

    /// <summary>Header plus data padded to whole blocks.</summary>
    public static byte[] Entry(string name, char type, byte[] data, string link = "")
    {
        var padded = new byte[(data.Length + 511) / 512 * 512];
        data.CopyTo(padded, 0);
        return Header(name, type, data.Length, link: link).Concat(padded).ToArray();
    }

    public static byte[] EndOfArchive => new byte[1024];
}
