using System.CommandLine;
using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Parsing;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands;

/// <summary>
/// `berth import file|URL|- [REPOSITORY[:TAG]]`: POST /images/create?fromSrc=... with the tarball
/// streamed as the body (or, for a URL, fetched by the daemon); prints the new image's ID.
/// </summary>
internal sealed class ImportCommand : CliCommand
{
    private readonly Option<string[]> _change;
    private readonly Option<string> _message, _platform;

    public ImportCommand(string name = "import")
        : base(name, "Import the contents from a tarball to create a filesystem image", "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]", ArgRule.Between(1, 2))
    {
        AliasesHelp = "berth image import, berth import";
        _change = List("--change", "-c", "Apply Dockerfile instruction to the created image");
        _message = Value("--message", "-m", "Set commit message for imported image");
        _platform = Value("--platform", null, "Set platform if server is multi-platform capable");
    }

    public sealed record Request(string Source, string? Reference, IReadOnlyList<string> Changes, string? Message, string? Platform);

    /// <summary>The request without its body; the caller attaches the tar stream for files and "-".</summary>
    public static ApiRequest BuildRequest(Request r)
    {
        var isUrl = r.Source.StartsWith("http://", StringComparison.Ordinal) || r.Source.StartsWith("https://", StringComparison.Ordinal);
        var query = new QueryBuilder().Add("fromSrc", isUrl ? r.Source : "-");
        if (!string.IsNullOrEmpty(r.Reference))
        {
            if (r.Reference.Contains('@')) throw new CliError(1, $"invalid reference format: {r.Reference}");
            var (repo, tag) = ImageReference.SplitTag(r.Reference);
            query.Add("repo", repo).AddIfNotEmpty("tag", tag);
        }
        query.AddIfNotEmpty("message", r.Message).AddIfNotEmpty("platform", r.Platform);
        foreach (var change in r.Changes) query.Add("changes", change);
        return ApiRequest.Post("/images/create") with { Query = query.Build(), ContentType = isUrl ? null : "application/x-tar" };
    }

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var args = Args(result);
        var request = BuildRequest(new Request(args[0], args.ElementAtOrDefault(1), result.GetValue(_change) ?? [],
            result.GetValue(_message), result.GetValue(_platform)));
        Stream? upload = null;
        if (request.QueryValue("fromSrc") == "-")
        {
            try { upload = args[0] == "-" ? ctx.Stdin : File.OpenRead(args[0]); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliError(1, $"open {args[0]}: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : ex.Message)}");
            }
        }
        try
        {
            using var response = await ctx.Client.SendAsync(request with { Upload = upload }, ct).ConfigureAwait(false);
            await JsonMessagePrinter.PrintAsync(response.Body, ctx.Out, ct).ConfigureAwait(false);
        }
        finally
        {
            if (upload is not null && upload != ctx.Stdin) await upload.DisposeAsync().ConfigureAwait(false);
        }
        return 0;
    }
}
