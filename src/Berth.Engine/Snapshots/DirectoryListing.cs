using Berth.Engine.Native;
using System.Buffers;
using System.Runtime.InteropServices;

namespace Berth.Engine.Snapshots;

/// <summary>The names in a directory, read from its fd with getdents64.</summary>
internal static unsafe class DirectoryListing
{
    /// <summary>
    /// Every name except "." and "..", NUL-terminated (ready for the *at calls) and sorted bytewise, the
    /// order Go's filepath.Walk gives Docker's archives, so the same tree always packs the same way.
    /// </summary>
    public static List<byte[]> ReadSorted(int fd)
    {
        var names = new List<byte[]>();
        var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            fixed (byte* b = buffer)
            {
                nint read;
                while ((read = Libc.GetDents64(fd, b, (nuint)buffer.Length)) > 0)
                {
                    for (nint offset = 0; offset < read;)
                    {
                        // struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, char name[]
                        var record = b + offset;
                        offset += *(ushort*)(record + 16);
                        var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(record + 19);
                        if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
                            continue;
                        names.Add([.. name, 0]);
                    }
                }
                if (read < 0)
                    throw Libc.Error("read directory");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        // With the NUL kept, a name sorts before every longer name it is a prefix of, as it should.
        names.Sort(static (x, y) => x.AsSpan().SequenceCompareTo(y));
        return names;
    }
}
