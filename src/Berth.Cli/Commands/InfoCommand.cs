using System.CommandLine;
using System.Text;
using System.Text.Json;
using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Options;
using Berth.Cli.Parsing;
using Berth.Protocol.Daemon;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>`berth info`: a short system summary in docker's layout, or a --format template over GET /info.</summary>
internal sealed class InfoCommand : CliCommand
{
    private readonly Option<string> _format;

    public InfoCommand() : base("info", "Display system-wide information", "[OPTIONS]", ArgRule.None)
    {
        _format = Value("--format", "-f", "Format output using a custom template", "string");
    }

    public static ApiRequest BuildRequest() => ApiRequest.Get("/info");

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var format = result.GetValue(_format);
        var raw = await ctx.Client.GetRawAsync(BuildRequest(), ct).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(format))
        {
            using var doc = JsonDocument.Parse(raw);
            if (format == "json") ctx.Out.Write(Encoding.UTF8.GetString(raw).TrimEnd() + "\n");
            else RowOutput.WriteTemplate(ctx, RowOutput.ParseTemplate(format), doc.RootElement.Clone());
            return 0;
        }
        var info = JsonSerializer.Deserialize(raw, ProtocolJson.Default.SystemInfo) ?? new SystemInfo();
        ctx.Out.Write(Render(info));
        foreach (var warning in info.Warnings) ctx.Err.WriteLine(warning);
        return 0;
    }

    internal static string Render(SystemInfo i)
    {
        var sb = new StringBuilder();
        sb.Append("Client:\n");
        sb.Append(" Version:    ").Append(BuildInfo.Version).Append('\n');
        sb.Append(" Context:    default\n");
        sb.Append(" Debug Mode: false\n\n");
        sb.Append("Server:\n");
        sb.Append(" Containers: ").Append(i.Containers).Append('\n');
        sb.Append("  Running: ").Append(i.ContainersRunning).Append('\n');
        sb.Append("  Paused: ").Append(i.ContainersPaused).Append('\n');
        sb.Append("  Stopped: ").Append(i.ContainersStopped).Append('\n');
        sb.Append(" Images: ").Append(i.Images).Append('\n');
        sb.Append(" Server Version: ").Append(i.ServerVersion).Append('\n');
        sb.Append(" Storage Driver: ").Append(i.Driver).Append('\n');
        foreach (var pair in i.DriverStatus.Where(p => p.Count == 2))
            sb.Append("  ").Append(pair[0]).Append(": ").Append(pair[1]).Append('\n');
        sb.Append(" Logging Driver: ").Append(i.LoggingDriver).Append('\n');
        sb.Append(" Cgroup Driver: ").Append(i.CgroupDriver).Append('\n');
        sb.Append(" Cgroup Version: ").Append(i.CgroupVersion).Append('\n');
        if (i.Runtimes.Count > 0) sb.Append(" Runtimes: ").Append(string.Join(' ', i.Runtimes.Keys)).Append('\n');
        sb.Append(" Default Runtime: ").Append(i.DefaultRuntime).Append('\n');
        if (i.SecurityOptions.Count > 0)
        {
            sb.Append(" Security Options:\n");
            foreach (var o in i.SecurityOptions) sb.Append("  ").Append(o.StartsWith("name=", StringComparison.Ordinal) ? o[5..] : o).Append('\n');
        }
        sb.Append(" Kernel Version: ").Append(i.KernelVersion).Append('\n');
        sb.Append(" Operating System: ").Append(i.OperatingSystem).Append('\n');
        sb.Append(" OSType: ").Append(i.OSType).Append('\n');
        sb.Append(" Architecture: ").Append(i.Architecture).Append('\n');
        sb.Append(" CPUs: ").Append(i.NCPU).Append('\n');
        sb.Append(" Total Memory: ").Append(ByteSize.BinaryText(i.MemTotal)).Append('\n');
        sb.Append(" Name: ").Append(i.Name).Append('\n');
        sb.Append(" ID: ").Append(i.ID).Append('\n');
        sb.Append(" Docker Root Dir: ").Append(i.DockerRootDir).Append('\n');
        sb.Append(" Debug Mode: ").Append(i.Debug ? "true" : "false").Append('\n');
        sb.Append(" Experimental: ").Append(i.ExperimentalBuild ? "true" : "false").Append('\n');
        sb.Append(" Live Restore Enabled: ").Append(i.LiveRestoreEnabled ? "true" : "false").Append('\n');
        sb.Append('\n');
        return sb.ToString();
    }
}
