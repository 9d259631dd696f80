using System.Text.Json;

namespace Berth.Engine.Runtime.Spec;

/// <summary>Berth's built-in seccomp profiles.</summary>
public static class SeccompProfiles
{
    private const string ResourceName = "seccomp-default.json";

    // Parsed once: the template is immutable and every container start needs it.
    private static readonly Lazy<SeccompTemplate> template = new(Load);

    /// <summary>
    /// Docker's default policy for a container holding <paramref name="effectiveCaps"/> (names with or
    /// without CAP_, any case): allow-list plus the syscalls those capabilities unlock, for the host
    /// architecture. A fresh object each call, so callers may modify it.
    /// </summary>
    public static OciSeccomp Default(IReadOnlyCollection<string> effectiveCaps) =>
        Resolve(template.Value, effectiveCaps, HostKernel.Architecture);

    internal static OciSeccomp Resolve(SeccompTemplate t, IReadOnlyCollection<string> caps, string arch)
    {
        var held = caps.Select(LinuxCapabilities.Normalize).ToHashSet(StringComparer.Ordinal);
        return new OciSeccomp
        {
            DefaultAction = t.DefaultAction,
            DefaultErrnoRet = t.DefaultErrnoRet,
            // Unknown host architecture: omit the list, which makes runc filter the native one only.
            Architectures = t.Architectures.TryGetValue(arch, out var arches) ? [.. arches] : null,
            Syscalls = t.Rules.Where(r => r.AppliesTo(held, arch)).Select(r => r.ToOci()).ToList(),
            IsDefaultProfile = true,
        };
    }

    internal static SeccompTemplate Load()
    {
        using var stream = typeof(SeccompProfiles).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        return JsonSerializer.Deserialize(stream, SeccompTemplateJson.Default.SeccompTemplate)
            ?? throw new InvalidOperationException($"{ResourceName} is empty");
    }
}
