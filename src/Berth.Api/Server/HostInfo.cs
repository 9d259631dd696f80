using System.Diagnostics;

namespace Berth.Api.Server;

/// <summary>Facts about the host for /info and /version, read once.</summary>
public static class HostInfo
{
    public static string KernelVersion { get; } = ReadFirstLine("/proc/sys/kernel/osrelease");
    public static string MachineId { get; } = ReadFirstLine("/etc/machine-id");
    public static string CgroupVersion { get; } = File.Exists("/sys/fs/cgroup/cgroup.controllers") ? "2" : "1";
    public static long MemTotal { get; } = ReadMemTotal();
    public static string OperatingSystem { get; } = OsRelease("PRETTY_NAME");
    public static string OsVersion { get; } = OsRelease("VERSION_ID");

    private static string? _runcVersion;

    public static string RuncVersion(string runcPath)
    {
        if (_runcVersion is not null) return _runcVersion;
        try
        {
            using var p = Process.Start(new ProcessStartInfo(runcPath, "--version") { RedirectStandardOutput = true })!;
            var first = p.StandardOutput.ReadLine() ?? "";
            p.WaitForExit();
            _runcVersion = first.Replace("runc version", "").Trim();
        }
        catch (Exception)
        {
            _runcVersion = "unknown";
        }
        return _runcVersion;
    }

    private static string ReadFirstLine(string path)
    {
        try { return File.ReadLines(path).FirstOrDefault()?.Trim() ?? ""; }
        catch (IOException) { return ""; }
    }

    private static long ReadMemTotal()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (Exception) { return 0; }
    }

    private static string OsRelease(string key)
    {
        try
        {
            var line = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith(key + "=", StringComparison.Ordinal));
            return line?[(key.Length + 1)..].Trim('"') ?? "";
        }
        catch (IOException) { return ""; }
    }
}
