using System.Globalization;

namespace Berth.Cli.Options;

/// <summary>--cpus: a decimal number of CPUs turned into HostConfig.NanoCpus (docker's NanoCPUs flag).</summary>
internal static class CpuQuantity
{
    public static long ParseNanoCpus(string text)
    {
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var cpus))
            throw new FormatException($"failed to parse {text} as a rational number");
        var nanos = cpus * 1_000_000_000m;
        if (nanos != decimal.Truncate(nanos)) throw new FormatException("value is too precise");
        return (long)nanos;
    }
}
