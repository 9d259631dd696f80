using Berth.Engine.Native;
using System.Buffers;
using System.Text;

namespace Berth.Engine.Snapshots;

/// <summary>
/// A directory opened once as an fd, inside which paths are resolved by the kernel with openat2
/// RESOLVE_IN_ROOT: symlinks and ".." are evaluated as if the directory were "/", so nothing reached
/// through it can be outside it, whatever symlinks a layer planted. Paths are NUL-terminated bytes.
/// </summary>
internal sealed unsafe class ConfinedDirectory : IDisposable
{
    private const int ResolveAttempts = 16;
    private const uint CreatedDirectoryMode = 0b111_101_101; // 0755 (C# has no octal literals)
    private const int MaxSymlinks = 40; // the kernel's own limit

    private readonly int _rootFd;
    // Layers list a directory's entries together, so remembering the last parent saves most lookups.
    private byte[] _cachedPath = new byte[256];
    private int _cachedLength = -1;
    private int _cachedFd = -1;

    private ConfinedDirectory(int rootFd) => _rootFd = rootFd;

    public int RootFd => _rootFd;

    public static ConfinedDirectory Open(string path)
    {
        var fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        if (fd < 0)
            throw Libc.Error($"open {path}");
        return new ConfinedDirectory(fd);
    }

    /// <summary>
    /// An fd for directory <paramref name="path"/>[0..length) (NUL at path[length]) inside the root,
    /// creating missing directories (0755). The fd is borrowed: valid until the next call.
    /// </summary>
    public int OpenDirectory(byte[] path, int length)
    {
        if (length == 0)
            return _rootFd;
        if (_cachedLength == length && path.AsSpan(0, length).SequenceEqual(_cachedPath.AsSpan(0, length)))
            return _cachedFd;

        var fd = OpenOrCreate(path, length);
        if (_cachedFd >= 0)
            Libc.Close(_cachedFd);
        if (_cachedPath.Length < length)
            _cachedPath = new byte[Math.Max(length, _cachedPath.Length * 2)];
        path.AsSpan(0, length).CopyTo(_cachedPath);
        _cachedLength = length;
        _cachedFd = fd;
        return fd;
    }

    /// <summary>
    /// Forgets the cached lookup after something was removed, since that can change what a path
    /// resolves to. The fd itself stays open because the current entry may still be using it.
    /// </summary>
    public void Invalidate() => _cachedLength = -1;

    /// <summary>Opens a NUL-terminated path inside the root; returns an owned fd, or -1 with errno set.</summary>
    public int Resolve(byte* path, int flags)
    {
        var how = new Libc.OpenHow
        {
            Flags = (ulong)(flags | Libc.O_CLOEXEC),
            Resolve = Libc.RESOLVE_IN_ROOT | Libc.RESOLVE_NO_MAGICLINKS,
        };
        int fd;
        var attempts = 0;
        // The kernel answers EAGAIN when a concurrent rename could have let ".." escape; retrying is the contract.
        do
            fd = Libc.OpenAt2(_rootFd, path, &how);
        while (fd < 0 && Libc.LastErrno == Libc.EAGAIN && ++attempts < ResolveAttempts);
        return fd;
    }

    private int OpenOrCreate(byte[] path, int length)
    {
        fixed (byte* p = path)
        {
            var fd = Resolve(p, Libc.O_RDONLY | Libc.O_DIRECTORY);
            if (fd >= 0)
                return fd;
            if (Libc.LastErrno != Libc.ENOENT)
                throw Libc.Error($"open {Display(path, length)}");
            return CreateMissing(p, length);
        }
    }

    /// <summary>
    /// The slow path when a directory is missing: walks the path a component at a time the way the
    /// kernel would with the root as "/", creating what does not exist. That includes directories a
    /// dangling symlink points to, so "link -> /etc" then "link/passwd" yields root/etc/passwd. Each
    /// step opens one component with O_NOFOLLOW relative to an fd already inside the root, symlinks
    /// are expanded here and ".." pops this walk's own stack, so the walk cannot leave the root.
    /// </summary>
    private int CreateMissing(byte* path, int length)
    {
        var rest = new ReadOnlySpan<byte>(path, length).ToArray();
        var position = 0;
        var links = 0;
        var chain = new Stack<int>(); // fds of the directories walked below the root
        var name = new byte[256];
        try
        {
            while (true)
            {
                while (position < rest.Length && rest[position] == '/')
                    position++;
                if (position >= rest.Length)
                    break;
                var start = position;
                while (position < rest.Length && rest[position] != '/')
                    position++;
                var component = rest.AsSpan(start, position - start);
                if (component.SequenceEqual("."u8))
                    continue;
                if (component.SequenceEqual(".."u8))
                {
                    if (chain.Count > 0)
                        Libc.Close(chain.Pop()); // ".." of the root is the root, as in the kernel's walk
                    continue;
                }
                if (name.Length <= component.Length)
                    name = new byte[component.Length + 1];
                component.CopyTo(name);
                name[component.Length] = 0;

                var current = chain.Count > 0 ? chain.Peek() : _rootFd;
                fixed (byte* n = name)
                {
                    var fd = OpenComponent(current, n);
                    if (fd < 0 && Libc.LastErrno == Libc.ENOENT)
                    {
                        if (Libc.MkdirAt(current, n, CreatedDirectoryMode) != 0)
                            throw Libc.Error($"mkdir {Display(path, length)}");
                        fd = OpenComponent(current, n);
                        // umask may have narrowed the mode.
                        if (fd >= 0 && Libc.FChmod(fd, CreatedDirectoryMode) != 0)
                            throw Libc.Error($"chmod {Display(path, length)}");
                    }
                    if (fd >= 0)
                    {
                        chain.Push(fd);
                        continue;
                    }
                    if (Libc.LastErrno is not (Libc.ELOOP or Libc.ENOTDIR))
                        throw Libc.Error($"open {Display(path, length)}");

                    // Not a directory: a symlink to follow, or a file in the way.
                    var target = ReadLink(current, n) ?? throw NotADirectory(path, length);
                    if (++links > MaxSymlinks)
                        throw new IOException($"open {Display(path, length)}: too many levels of symbolic links", Libc.ELOOP);
                    if (target.Length > 0 && target[0] == '/')
                        while (chain.Count > 0)
                            Libc.Close(chain.Pop());
                    rest = [.. target, (byte)'/', .. rest.AsSpan(position)];
                    position = 0;
                }
            }
            if (chain.Count > 0)
                return chain.Pop();
            // The walk ended at the root (say "link -> /"); callers own what they get, so hand out a new fd.
            fixed (byte* dot = ".\0"u8)
            {
                var root = Libc.OpenAt(_rootFd, dot, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
                return root >= 0 ? root : throw Libc.Error("open layer root");
            }
        }
        finally
        {
            while (chain.Count > 0)
                Libc.Close(chain.Pop());
        }
    }

    private static int OpenComponent(int dirFd, byte* name) =>
        Libc.OpenAt(dirFd, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);

    /// <summary>The symlink's target, or null if the name is not a symlink.</summary>
    private static byte[]? ReadLink(int dirFd, byte* name)
    {
        for (var size = 4096; ; size *= 4)
        {
            var buffer = new byte[size];
            nint read;
            fixed (byte* b = buffer)
                read = Libc.ReadLinkAt(dirFd, name, b, (nuint)size);
            if (read < 0)
                return Libc.LastErrno == Libc.EINVAL ? null : throw Libc.Error($"readlink {Display(name)}");
            if (read < size)
                return buffer[..(int)read];
        }
    }

    private static IOException NotADirectory(byte* path, int length) =>
        new($"open {Display(path, length)}: Not a directory", Libc.ENOTDIR);

    /// <summary>
    /// Removes <paramref name="name"/> in <paramref name="dirFd"/> and, if it is a directory, everything
    /// under it. Works only through fds and never follows a symlink, so a planted link cannot redirect it.
    /// A name that does not exist is not an error; returns whether anything was removed.
    /// </summary>
    public static bool RemoveAll(int dirFd, byte* name)
    {
        if (Libc.UnlinkAt(dirFd, name, 0) == 0)
            return true;
        var errno = Libc.LastErrno;
        if (errno == Libc.ENOENT)
            return false;
        if (errno != Libc.EISDIR)
            throw Libc.Error($"unlink {Display(name)}");
        RemoveDirectory(dirFd, name);
        return true;
    }

    private static void RemoveDirectory(int dirFd, byte* name)
    {
        if (Libc.UnlinkAt(dirFd, name, Libc.AT_REMOVEDIR) == 0)
            return;
        if (Libc.LastErrno is not (Libc.ENOTEMPTY or Libc.EEXIST))
            throw Libc.Error($"rmdir {Display(name)}");

        var fd = Libc.OpenAt(dirFd, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
        if (fd < 0)
            throw Libc.Error($"open {Display(name)}");
        try
        {
            EmptyDirectory(fd);
        }
        finally
        {
            Libc.Close(fd);
        }
        if (Libc.UnlinkAt(dirFd, name, Libc.AT_REMOVEDIR) != 0)
            throw Libc.Error($"rmdir {Display(name)}");
    }

    private static void EmptyDirectory(int fd)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            fixed (byte* b = buffer)
            {
                // Deleting while listing may make the listing skip names, so rescan until a pass finds none.
                bool found;
                do
                {
                    found = false;
                    if (Libc.LSeek(fd, 0, 0) < 0)
                        throw Libc.Error("rewind directory");
                    nint read;
                    while ((read = Libc.GetDents64(fd, b, (nuint)buffer.Length)) > 0)
                    {
                        for (nint offset = 0; offset < read;)
                        {
                            // struct linux_dirent64: u64 ino, s64 off, u16 reclen, u8 type, char name[]
                            var record = b + offset;
                            var recordLength = *(ushort*)(record + 16);
                            var type = record[18];
                            var child = record + 19;
                            offset += recordLength;
                            if (child[0] == '.' && (child[1] == 0 || (child[1] == '.' && child[2] == 0)))
                                continue;
                            found = true;
                            if (type == Libc.DT_DIR)
                                RemoveDirectory(fd, child);
                            else
                                RemoveAll(fd, child);
                        }
                    }
                    if (read < 0)
                        throw Libc.Error("read directory");
                } while (found);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        if (_cachedFd >= 0)
            Libc.Close(_cachedFd);
        _cachedFd = -1;
        _cachedLength = -1;
        Libc.Close(_rootFd);
    }

    private static string Display(byte[] path, int length) => Encoding.UTF8.GetString(path, 0, length);

    private static string Display(byte* path, int length) => Encoding.UTF8.GetString(path, length);

    private static string Display(byte* name) =>
        Encoding.UTF8.GetString(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name));
}
