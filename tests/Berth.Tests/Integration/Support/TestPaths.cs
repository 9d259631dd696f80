namespace Berth.Tests.Integration.Support;

/// <summary>
/// Where the binaries under test are: test.sh exports BERTH_TEST_* (the installed, published
/// builds); a developer's plain `dotnet test` falls back to this checkout's build output.
/// </summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Daemon => Env("BERTH_TEST_DAEMON") ?? FirstExisting(
        Path.Combine(RepoRoot, "src/Berth.Daemon/bin/Release/net10.0/berthd"),
        Path.Combine(RepoRoot, "src/Berth.Daemon/bin/Debug/net10.0/berthd"));

    public static string Cli => Env("BERTH_TEST_CLI") ?? FirstExisting(
        "/usr/local/lib/berth/cli/berth",
        Path.Combine(RepoRoot, "src/Berth.Cli/bin/Release/net10.0/berth"),
        Path.Combine(RepoRoot, "src/Berth.Cli/bin/Debug/net10.0/berth"));

    public static string? DebianTar => Env("BERTH_TEST_DEBIAN_TAR") is { } p && File.Exists(p) ? p
        : File.Exists("/var/cache/berth/debian-bookworm-rootfs.tar") ? "/var/cache/berth/debian-bookworm-rootfs.tar" : null;

    public static string Docker => File.Exists("/usr/local/bin/docker") ? "/usr/local/bin/docker" : "docker";

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static string FirstExisting(params string[] candidates) => candidates.FirstOrDefault(File.Exists) ?? candidates[^1];

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Berth.slnx"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (Berth.slnx)");
    }
}
