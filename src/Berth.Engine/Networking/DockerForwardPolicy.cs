using System.Diagnostics;

namespace Berth.Engine.Networking;

/// <summary>
/// When dockerd runs (or ran) on the same host it sets iptables' FORWARD policy to DROP, which would
/// drop berth's container traffic too: a drop in any table is final. Docker's documented hook for
/// other traffic is its DOCKER-USER chain, so berth adds accept rules for its bridges there — only
/// if that chain exists, once at start-up (the only processes berth's networking spawns).
/// </summary>
public static class DockerForwardPolicy
{
    public static void AllowBridges(string prefix)
    {
        var pattern = (prefix.StartsWith("berth", StringComparison.Ordinal) ? "berth" : prefix) + "+";
        try
        {
            var (code, rules) = Run("-S", "DOCKER-USER");
            if (code != 0) return;
            if (!rules.Contains($"-i {pattern} -j ACCEPT", StringComparison.Ordinal)) Run("-I", "DOCKER-USER", "-i", pattern, "-j", "ACCEPT");
            if (!rules.Contains($"-o {pattern} -j ACCEPT", StringComparison.Ordinal)) Run("-I", "DOCKER-USER", "-o", pattern, "-j", "ACCEPT");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            // No iptables: then there is no Docker FORWARD policy to work around either.
        }
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("iptables") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("-w");
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }
}
