using System.Diagnostics;
using Berth.Engine.Runtime.Spec;

namespace Berth.Tests.Runtime;

/// <summary>
/// A throwaway OCI bundle whose rootfs is a static busybox with its applet links, run with the real
/// runc under a private state root. Disposing deletes the container and every file.
/// </summary>
internal sealed class RuncBundle : IDisposable
{
    public const string Busybox = "/bin/busybox";

    public string Dir { get; }
    public string Rootfs { get; }
    private string StateRoot { get; }
    private readonly List<string> ids = [];

    public record Result(int ExitCode, string Stdout, string Stderr);

    public static string Runc => File.Exists("/usr/sbin/runc") ? "/usr/sbin/runc" : "runc";

    public static string? MissingPrerequisite()
    {
        if (Environment.UserName != "root")
            return "needs root";
        if (!File.Exists(Busybox))
            return "needs busybox at /bin/busybox";
        return FindOnPath("runc") is null && !File.Exists("/usr/sbin/runc") ? "needs runc" : null;
    }

    public RuncBundle()
    {
        Dir = Directory.CreateTempSubdirectory("berth-runc-").FullName;
        Rootfs = Path.Combine(Dir, "rootfs");
        StateRoot = Path.Combine(Dir, "state");
        foreach (var sub in new[] { "bin", "proc", "sys", "dev", "mnt", "tmp", "etc", "data" })
            Directory.CreateDirectory(Path.Combine(Rootfs, sub));
        File.Copy(Busybox, Path.Combine(Rootfs, "bin/busybox"));
        foreach (var applet in Exec(Busybox, "--list").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (applet != "busybox")
                File.CreateSymbolicLink(Path.Combine(Rootfs, "bin", applet), "busybox");
    }

    /// <summary>Runs `sh -c script` in a container built from the default spec plus <paramref name="steps"/>.</summary>
    public Result Sh(string script, params SpecStep[] steps) => Run(["sh", "-c", script], steps);

    public Result Run(IReadOnlyList<string> args, params SpecStep[] steps)
    {
        var id = $"berth-test-{Guid.NewGuid():N}"[..28];
        ids.Add(id);
        var spec = SpecSteps.Build([
            SpecSteps.WithRootfs(Rootfs),
            SpecSteps.WithTerminal(false),
            SpecSteps.WithArgs(args),
            .. steps]);
        spec.WriteTo(Path.Combine(Dir, "config.json"));
        try
        {
            return Exec(Runc, "--root", StateRoot, "run", "--bundle", Dir, id);
        }
        finally
        {
            Exec(Runc, "--root", StateRoot, "delete", "-f", id);
        }
    }

    public void Dispose()
    {
        foreach (var id in ids)
            Exec(Runc, "--root", StateRoot, "delete", "-f", id);
        try { Directory.Delete(Dir, recursive: true); }
        catch (IOException) { }
    }

    private static Result Exec(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 60s");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
