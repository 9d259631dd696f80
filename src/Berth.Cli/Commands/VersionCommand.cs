using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Parsing;
using Berth.Protocol.Daemon;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>`berth version`: client and daemon versions in docker's layout, or a --format template.</summary>
internal sealed class VersionCommand : CliCommand
{
    private readonly Option<string> _format;

    public VersionCommand() : base("version", "Show the Berth version information", "[OPTIONS]", ArgRule.None)
    {
        _format = Value("--format", "-f", "Format output using a custom template", "string");
    }

    public static ApiRequest BuildRequest() => ApiRequest.Get("/version");

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var format = result.GetValue(_format);
        var client = ClientInfo(ctx);
        VersionResponse? server = null;
        Exception? serverError = null;
        try
        {
            server = await ctx.Client.GetJsonAsync(BuildRequest(), ProtocolJson.Default.VersionResponse, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DaemonException or DaemonUnreachableException or IOException)
        {
            serverError = ex;
        }

        if (!string.IsNullOrEmpty(format))
        {
            var data = new Dictionary<string, object?>
            {
                ["Client"] = client,
                ["Server"] = server is null ? null : ServerInfo(server),
            };
            RowOutput.WriteTemplate(ctx, RowOutput.ParseTemplate(format), data);
        }
        else
        {
            ctx.Out.Write(Render(client, server));
        }
        if (serverError is not null)
            throw new CliError(1, serverError is DaemonException d ? d.Display : serverError.Message);
        return 0;
    }

    private static Dictionary<string, object?> ClientInfo(CliContext ctx)
    {
        var endpoint = DaemonEndpoint.Resolve(ctx.HostFlag, ctx.GetEnv);
        return new Dictionary<string, object?>
        {
            ["Platform"] = new Dictionary<string, object?> { ["Name"] = "" },
            ["Version"] = BuildInfo.Version,
            ["APIVersion"] = endpoint.ApiVersion,
            ["DefaultAPIVersion"] = BuildInfo.ApiVersion,
            ["GoVersion"] = ".NET " + Environment.Version,
            ["GitCommit"] = BuildInfo.GitCommit,
            ["BuildTime"] = "",
            ["Os"] = "linux",
            ["Arch"] = GoArch(RuntimeInformation.ProcessArchitecture),
            ["Context"] = "default",
        };
    }

    private static Dictionary<string, object?> ServerInfo(VersionResponse v) => new()
    {
        ["Platform"] = new Dictionary<string, object?> { ["Name"] = v.Platform.Name },
        ["Version"] = v.Version,
        ["APIVersion"] = v.ApiVersion,
        ["MinAPIVersion"] = v.MinAPIVersion,
        ["GitCommit"] = v.GitCommit,
        ["GoVersion"] = v.GoVersion,
        ["Os"] = v.Os,
        ["Arch"] = v.Arch,
        ["KernelVersion"] = v.KernelVersion,
        ["BuildTime"] = v.BuildTime,
    };

    internal static string Render(Dictionary<string, object?> client, VersionResponse? server)
    {
        var sb = new StringBuilder();
        var apiLine = (string)client["APIVersion"]!;
        if (apiLine != (string)client["DefaultAPIVersion"]!) apiLine += $" (downgraded from {client["DefaultAPIVersion"]})";
        AppendBlock(sb, "Client:",
        [
            ("Version:", (string)client["Version"]!),
            ("API version:", apiLine),
            ("Go version:", (string)client["GoVersion"]!),
            ("Git commit:", (string)client["GitCommit"]!),
            ("Built:", (string)client["BuildTime"]!),
            ("OS/Arch:", $"{client["Os"]}/{client["Arch"]}"),
            ("Context:", (string)client["Context"]!),
        ], " ");
        if (server is null) return sb.ToString();
        sb.Append('\n');
        sb.Append("Server:").Append(server.Platform.Name.Length > 0 ? " " + server.Platform.Name : "").Append('\n');
        var components = server.Components.Count > 0
            ? server.Components
            : [new VersionComponent { Name = "Engine", Version = server.Version }];
        var rows = new List<(string, string)>();
        foreach (var c in components)
        {
            rows.Add((" " + c.Name + ":", "\0"));
            if (c.Name == "Engine")
            {
                string D(string key, string fallback) => c.Details?.GetValueOrDefault(key) ?? fallback;
                rows.Add(("  Version:", c.Version));
                rows.Add(("  API version:", $"{D("ApiVersion", server.ApiVersion)} (minimum version {D("MinAPIVersion", server.MinAPIVersion)})"));
                rows.Add(("  Go version:", D("GoVersion", server.GoVersion)));
                rows.Add(("  Git commit:", D("GitCommit", server.GitCommit)));
                rows.Add(("  Built:", Ansic(D("BuildTime", server.BuildTime))));
                rows.Add(("  OS/Arch:", $"{D("Os", server.Os)}/{D("Arch", server.Arch)}"));
                rows.Add(("  Experimental:", D("Experimental", "false")));
            }
            else
            {
                rows.Add(("  Version:", c.Version));
                foreach (var (key, value) in (c.Details ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    rows.Add(($"  {key}:", value));
            }
        }
        AppendBlock(sb, null, rows, "");
        return sb.ToString();
    }

    /// <summary>Label/value lines aligned like docker's tabwriter (minimum width 20, padding 1).</summary>
    private static void AppendBlock(StringBuilder sb, string? title, List<(string Label, string Value)> rows, string indent)
    {
        if (title is not null) sb.Append(title).Append('\n');
        var width = Math.Max(20, rows.Where(r => r.Value != "\0").Select(r => indent.Length + r.Label.Length + 1).DefaultIfEmpty(0).Max());
        foreach (var (label, value) in rows)
        {
            if (value == "\0") { sb.Append(label).Append('\n'); continue; }
            sb.Append((indent + label).PadRight(width)).Append(value).Append('\n');
        }
    }

    /// <summary>docker shows the daemon's RFC 3339 build time in Go's ANSIC layout.</summary>
    private static string Ansic(string buildTime) =>
        DateTimeOffset.TryParse(buildTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? GoTime.Ansic(t)
            : buildTime;

    private static string GoArch(Architecture a) => a switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.X86 => "386",
        Architecture.Arm => "arm",
        _ => a.ToString().ToLowerInvariant(),
    };
}
