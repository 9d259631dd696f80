using System.CommandLine;
using System.IO.Pipelines;
using System.Text.Json;
using Berth.Cli.Client;
using Berth.Cli.Copy;
using Berth.Cli.Parsing;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>
/// `berth cp [-a] [-L] SRC DEST`: one side is CONTAINER:PATH, the other a local path or "-" for a
/// tar stream on stdin/stdout. Uses the archive API (HEAD to stat, GET to read, PUT to extract)
/// and docker cp's rules for where the copy lands.
/// </summary>
internal sealed class CpCommand : CliCommand
{
    private const string StatHeader = "X-Docker-Container-Path-Stat";
    private readonly Option<bool> _archive, _followLink, _quiet;

    public CpCommand(string name = "cp")
        : base(name, "Copy files/folders between a container and the local filesystem",
            "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tberth cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH", ArgRule.Exactly(2))
    {
        AliasesHelp = "berth container cp, berth cp";
        _archive = Flag("--archive", "-a", "Archive mode (copy all uid/gid information)");
        _followLink = Flag("--follow-link", "-L", "Always follow symbol link in SRC_PATH");
        _quiet = Flag("--quiet", "-q", "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached");
    }

    /// <summary>docker's splitCpArg: absolute paths and names starting with "." are local; otherwise "container:path".</summary>
    public static (string? Container, string Path) Split(string arg)
    {
        if (arg.StartsWith('/')) return (null, arg);
        var colon = arg.IndexOf(':');
        if (colon < 0 || arg.StartsWith('.')) return (null, arg);
        return (arg[..colon], arg[(colon + 1)..]);
    }

    private static string ContainerPath(string container) => $"/containers/{ApiRequest.Segment(container)}/archive";

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var args = Args(result);
        var (srcContainer, srcPath) = Split(args[0]);
        var (dstContainer, dstPath) = Split(args[1]);
        if (srcContainer is not null && dstContainer is not null) throw new CliError(1, "copying between containers is not supported");
        if (srcContainer is null && dstContainer is null) throw new CliError(1, "must specify at least one container source");
        if (srcPath.Length == 0 || dstPath.Length == 0) throw new CliError(1, "filesystem path cannot be empty");
        if (srcContainer is not null)
            await CopyFromContainerAsync(ctx, srcContainer, srcPath, dstPath, result.GetValue(_followLink), ct).ConfigureAwait(false);
        else
            await CopyToContainerAsync(ctx, srcPath, dstContainer!, dstPath, result.GetValue(_followLink), result.GetValue(_archive), ct).ConfigureAwait(false);
        return 0;
    }

    private static async Task<PathStat?> StatAsync(CliContext ctx, string container, string path, CancellationToken ct)
    {
        try
        {
            using var response = await ctx.Client.SendAsync(new ApiRequest("HEAD", ContainerPath(container)) { Query = [new("path", path)] }, ct).ConfigureAwait(false);
            return Decode(response.Header(StatHeader));
        }
        catch (DaemonException e) when (e.IsNotFound && !e.Message.StartsWith("No such container", StringComparison.Ordinal))
        {
            return null;
        }
    }

    private static PathStat? Decode(string? header) =>
        header is null ? null : JsonSerializer.Deserialize(Convert.FromBase64String(header), ProtocolJson.Default.PathStat);

    private static bool IsDir(PathStat s) => (s.Mode & (1u << 31)) != 0;

    private static bool IsSymlink(PathStat s) => (s.Mode & (1u << 27)) != 0;

    private static async Task CopyFromContainerAsync(CliContext ctx, string container, string srcPath, string dstPath, bool followLink, CancellationToken ct)
    {
        string? rebaseName = null;
        if (followLink && await StatAsync(ctx, container, srcPath, ct).ConfigureAwait(false) is { } linkStat && IsSymlink(linkStat))
        {
            rebaseName = CopyTarget.BaseOf(srcPath);
            srcPath = linkStat.LinkTarget;
        }
        using var response = await ctx.Client.SendAsync(ApiRequest.Get(ContainerPath(container), new KeyValuePair<string, string>("path", srcPath)), ct).ConfigureAwait(false);
        if (dstPath == "-")
        {
            await response.Body.CopyToAsync(ctx.StdoutStream, ct).ConfigureAwait(false);
            await ctx.StdoutStream.FlushAsync(ct).ConfigureAwait(false);
            return;
        }
        var stat = Decode(response.Header(StatHeader)) ?? throw new CliError(1, "the daemon sent no path stat");
        var archiveName = stat.Name == "/" ? "." : stat.Name;
        var sourceName = rebaseName ?? CopyTarget.BaseOf(srcPath);
        var exists = Directory.Exists(dstPath) || File.Exists(dstPath);
        var parent = CopyTarget.DirOf(dstPath);
        if (!exists && !Directory.Exists(parent)) throw new CliError(1, $"lstat {parent}: no such file or directory");
        var target = CopyTarget.Plan(sourceName, IsDir(stat), dstPath, exists, Directory.Exists(dstPath));
        await LocalTarExtractor.ExtractAsync(response.Body, target.Directory, archiveName, target.TopName, ct).ConfigureAwait(false);
    }

    private static async Task CopyToContainerAsync(CliContext ctx, string srcPath, string container, string dstPath, bool followLink, bool archive, CancellationToken ct)
    {
        var dstStat = await StatAsync(ctx, container, dstPath, ct).ConfigureAwait(false);
        if (dstStat is not null && IsSymlink(dstStat))
        {
            var linkTarget = dstStat.LinkTarget;
            dstPath = linkTarget.StartsWith('/') ? linkTarget : CopyTarget.DirOf(dstPath) + "/" + linkTarget;
            dstStat = await StatAsync(ctx, container, dstPath, ct).ConfigureAwait(false);
        }
        var query = new QueryBuilder();
        if (srcPath == "-")
        {
            if (dstStat is null || !IsDir(dstStat)) throw new CliError(1, $"destination \"{container}:{dstPath}\" must be a directory");
            query.Add("path", dstPath).Add("noOverwriteDirNonDir", "true").Add("copyUIDGID", archive ? "true" : "false");
            using var fromStdin = await ctx.Client.SendAsync(new ApiRequest("PUT", ContainerPath(container)) { Query = query.Build(), Upload = ctx.Stdin, ContentType = "application/x-tar" }, ct).ConfigureAwait(false);
            return;
        }

        var source = new FileInfo(Path.GetFullPath(srcPath.EndsWith("/.", StringComparison.Ordinal) ? srcPath[..^2] : srcPath));
        if (!source.Exists && !Directory.Exists(source.FullName) && source.LinkTarget is null)
            throw new CliError(1, $"lstat {srcPath}: no such file or directory");
        var readFrom = source.FullName;
        if (followLink && source.LinkTarget is not null)
            readFrom = source.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? readFrom;
        var sourceIsDir = Directory.Exists(readFrom) && (readFrom != source.FullName || source.LinkTarget is null);
        var sourceName = srcPath.EndsWith("/.", StringComparison.Ordinal) ? "." : CopyTarget.BaseOf(srcPath);
        var target = CopyTarget.Plan(sourceName, sourceIsDir, dstPath, dstStat is not null, dstStat is not null && IsDir(dstStat));

        var pipe = new Pipe();
        var writing = Task.Run(async () =>
        {
            Exception? failure = null;
            try
            {
                await using var output = pipe.Writer.AsStream(leaveOpen: true);
                await LocalTarWriter.WriteAsync(readFrom, target.TopName, output, ct).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                await pipe.Writer.CompleteAsync(failure).ConfigureAwait(false);
            }
        }, ct);
        query.Add("path", target.Directory).Add("noOverwriteDirNonDir", "true").Add("copyUIDGID", archive ? "true" : "false");
        await using (var upload = pipe.Reader.AsStream())
        {
            using var response = await ctx.Client.SendAsync(new ApiRequest("PUT", ContainerPath(container)) { Query = query.Build(), Upload = upload, ContentType = "application/x-tar" }, ct).ConfigureAwait(false);
        }
        await writing.ConfigureAwait(false);
    }
}
