using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Engine.Runtime.Spec;
using Berth.Engine.Users;
using Berth.Protocol.Exec;

namespace Berth.Engine.Exec;

/// <summary>
/// The process.json of an exec: the container's own process (capabilities, rlimits, AppArmor,
/// no-new-privileges) with the exec's command, environment, user, directory and terminal, built
/// with the same spec steps as config.json.
/// </summary>
public static class ExecProcessSpec
{
    public static OciProcess Build(OciProcess containerProcess, Container c, ExecCreateRequest exec, ExecUser user, (ushort Rows, ushort Columns)? size)
    {
        if (exec.Cmd is not { Count: > 0 }) throw BerthException.Invalid("No exec command specified");
        var spec = new OciSpec { Process = containerProcess };
        containerProcess.Env = [];
        var cwd = !string.IsNullOrEmpty(exec.WorkingDir) ? exec.WorkingDir
            : !string.IsNullOrEmpty(c.Config.WorkingDir) ? c.Config.WorkingDir : "/";
        var steps = new List<SpecStep>
        {
            SpecSteps.WithArgs(exec.Cmd),
            SpecSteps.WithEnv(Environment(c, exec, user)),
            SpecSteps.WithCwd(cwd),
            SpecSteps.WithUser(user.Uid, user.Gid, user.AdditionalGids),
            SpecSteps.WithTerminal(exec.Tty),
        };
        SpecSteps.Compose([.. steps])(spec);
        if (exec.Privileged)
        {
            var all = LinuxCapabilities.Host();
            var caps = containerProcess.Capabilities ??= new OciCapabilities();
            (caps.Bounding, caps.Effective, caps.Permitted) = ([.. all], [.. all], [.. all]);
        }
        containerProcess.ConsoleSize = exec.Tty && size is { } s ? new OciBox { Height = s.Rows, Width = s.Columns } : null;
        return containerProcess;
    }

    /// <summary>
    /// Docker's exec environment: HOSTNAME (and TERM with a TTY), the container's variables, then
    /// the exec's, a later one replacing an earlier of the same name; HOME from the user's passwd entry.
    /// </summary>
    public static List<string> Environment(Container c, ExecCreateRequest exec, ExecUser user)
    {
        var env = new List<string>();
        if (!string.IsNullOrEmpty(c.Config.Hostname)) env.Add("HOSTNAME=" + c.Config.Hostname);
        if (exec.Tty) env.Add("TERM=xterm");
        env = ContainerConfigMerger.MergeEnv(env, c.Config.Env);
        env = ContainerConfigMerger.MergeEnv(env, exec.Env);
        if (!env.Any(e => e.StartsWith("HOME=", StringComparison.Ordinal))) env.Add("HOME=" + (user.Home.Length > 0 ? user.Home : "/"));
        return env;
    }
}
