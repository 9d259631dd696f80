using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Options;
using Berth.Cli.Streams;
using Berth.Protocol.Containers;
using Berth.Protocol.Json;

namespace Berth.Cli.Commands;

/// <summary>
/// The create step shared by `create` and `run`: POST /containers/create, pulling the image
/// first when asked (--pull always) or when the daemon does not have it (--pull missing, the
/// default), and printing the daemon's warnings.
/// </summary>
internal static class ContainerCreator
{
    public static ApiRequest BuildRequest(ContainerCreateRequest body, string? name) =>
        (ApiRequest.Post("/containers/create") with
        {
            Query = new QueryBuilder().AddIfNotEmpty("name", name).Build(),
        }).WithJson(body, ProtocolJson.Default.ContainerCreateRequest);

    /// <summary>POST /images/create?fromImage=&amp;tag= for the image a container needs.</summary>
    public static ApiRequest PullRequest(string image)
    {
        var (name, tag) = ImageReference.SplitTag(image);
        var digest = ImageReference.Digest(image);
        return ApiRequest.Post("/images/create") with
        {
            Query = new QueryBuilder().Add("fromImage", name).Add("tag", digest ?? tag ?? "latest").Build(),
        };
    }

    /// <summary>Checks --pull as docker does (exit 125 with the usage hint).</summary>
    public static string ValidatePull(string? pull)
    {
        var value = string.IsNullOrEmpty(pull) ? "missing" : pull;
        if (value is not ("always" or "missing" or "never"))
            throw ContainerCreateMapper.ConfigError(
                $"invalid pull option: '{value}': must be one of \"always\", \"missing\" or \"never\"");
        return value;
    }

    public static async Task<string> CreateAsync(CliContext ctx, ContainerCreateRequest body, string? name, string pull,
        bool quiet, CancellationToken ct)
    {
        if (pull == "always") await PullAsync(ctx, body.Image, quiet, ct).ConfigureAwait(false);
        ContainerCreateResponse response;
        try
        {
            response = await SendAsync(ctx, body, name, ct).ConfigureAwait(false);
        }
        catch (DaemonException ex) when (ex.IsNotFound && pull == "missing"
                                          && ex.Message.Contains("image", StringComparison.OrdinalIgnoreCase))
        {
            if (!quiet) ctx.Err.WriteLine($"Unable to find image '{WithDefaultTag(body.Image)}' locally");
            await PullAsync(ctx, body.Image, quiet, ct).ConfigureAwait(false);
            response = await SendAsync(ctx, body, name, ct).ConfigureAwait(false);
        }
        foreach (var warning in response.Warnings) ctx.Err.WriteLine("WARNING: " + warning);
        return response.Id;
    }

    private static Task<ContainerCreateResponse> SendAsync(CliContext ctx, ContainerCreateRequest body, string? name,
        CancellationToken ct) =>
        ctx.Client.GetJsonAsync(BuildRequest(body, name), ProtocolJson.Default.ContainerCreateResponse, ct);

    private static async Task PullAsync(CliContext ctx, string image, bool quiet, CancellationToken ct)
    {
        using var response = await ctx.Client.SendAsync(PullRequest(image), ct).ConfigureAwait(false);
        // Pull progress goes to stderr: stdout carries only the container ID or its output.
        await JsonMessagePrinter.PrintAsync(response.Body, quiet ? TextWriter.Null : ctx.Err, ct).ConfigureAwait(false);
    }

    private static string WithDefaultTag(string image)
    {
        var familiar = ImageReference.Familiar(image);
        return ImageReference.Digest(familiar) is null && ImageReference.SplitTag(familiar).Tag is null
            ? familiar + ":latest"
            : familiar;
    }
}
