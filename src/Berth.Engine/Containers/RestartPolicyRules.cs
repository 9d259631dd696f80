using Berth.Engine.Errors;
using Berth.Protocol.Containers;

namespace Berth.Engine.Containers;

/// <summary>When a restart policy restarts a container (Docker's restart manager), and which policies are valid.</summary>
public static class RestartPolicyRules
{
    /// <summary>
    /// After the container's process exited. A stop or kill by the user ends every policy until the
    /// next start (Docker's "exit on next").
    /// </summary>
    public static bool OnExit(RestartPolicy policy, int exitCode, bool manuallyStopped, int restartCount) =>
        !manuallyStopped && policy.Name switch
        {
            "always" or "unless-stopped" => true,
            "on-failure" => exitCode != 0 && (policy.MaximumRetryCount == 0 || restartCount < policy.MaximumRetryCount),
            _ => false,
        };

    /// <summary>
    /// When the daemon starts, for a container that is not running: `always` restarts even one the
    /// user stopped, `unless-stopped` only one that was not stopped by the user.
    /// </summary>
    public static bool OnDaemonStart(RestartPolicy policy, int exitCode, bool manuallyStopped, int restartCount) =>
        policy.Name == "always" || OnExit(policy, exitCode, manuallyStopped, restartCount);

    public static void Validate(RestartPolicy policy)
    {
        switch (policy.Name)
        {
            case "" or "no" or "always" or "unless-stopped":
                if (policy.MaximumRetryCount != 0)
                    throw BerthException.Invalid("invalid restart policy: maximum retry count can only be used with 'on-failure'");
                break;
            case "on-failure":
                if (policy.MaximumRetryCount < 0)
                    throw BerthException.Invalid("invalid restart policy: maximum retry count cannot be negative");
                break;
            default:
                throw BerthException.Invalid($"invalid restart policy: unknown policy '{policy.Name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
        }
    }
}
