using Berth.Tests.Integration.Support;

namespace Berth.Tests.Integration.Containers;

/// <summary>Small steps the container tests share: waiting for a container to say it is ready, reading a field.</summary>
public static class ContainerTestSteps
{
    /// <summary>
    /// Polls `berth logs` until the container has printed <paramref name="text"/>: a script that
    /// installs a trap prints "ready" afterwards, so a signal sent later cannot beat the trap.
    /// </summary>
    public static async Task WaitForOutputAsync(this BerthDaemon d, string container, string text, int timeoutSeconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var logs = await d.Berth("logs", container);
            if (logs.Stdout.Contains(text, StringComparison.Ordinal)) return;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"{container} did not print \"{text}\" in {timeoutSeconds} s:\n{logs}\n--- daemon log\n{d.Log}");
            await Task.Delay(100);
        }
    }

    /// <summary>`berth inspect -f TEMPLATE container`, trimmed.</summary>
    public static async Task<string> InspectField(this BerthDaemon d, string container, string template) =>
        (await d.BerthOk("inspect", "-f", template, container)).TrimEnd('\n');

    /// <summary>`berth run --rm ARGS…` (options, image, command); returns stdout, fails the test on a non-zero exit.</summary>
    public static Task<string> RunAndRemove(this BerthDaemon d, params string[] args) => d.BerthOk(["run", "--rm", .. args]);
}
