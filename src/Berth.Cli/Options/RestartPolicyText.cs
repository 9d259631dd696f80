using System.Globalization;
using Berth.Cli.Parsing;
using Berth.Protocol.Containers;

namespace Berth.Cli.Options;

/// <summary>--restart values: "no", "always", "unless-stopped", "on-failure[:max-retries]".</summary>
internal static class RestartPolicyText
{
    public static RestartPolicy Parse(string? text)
    {
        // Unset keeps the daemon's default ("no").
        if (string.IsNullOrEmpty(text)) return new RestartPolicy { Name = "no" };
        var colon = text.IndexOf(':');
        var name = colon < 0 ? text : text[..colon];
        if (colon == 0)
            throw ContainerCreateMapper.ConfigError("invalid restart policy format: no policy provided before colon");
        var policy = new RestartPolicy { Name = name };
        if (colon >= 0 && colon < text.Length - 1)
        {
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                throw ContainerCreateMapper.ConfigError("invalid restart policy format: maximum retry count must be an integer");
            policy.MaximumRetryCount = count;
        }
        if (name is not ("no" or "always" or "unless-stopped" or "on-failure"))
            throw ContainerCreateMapper.ConfigError($"invalid restart policy '{name}'");
        return policy;
    }
}
