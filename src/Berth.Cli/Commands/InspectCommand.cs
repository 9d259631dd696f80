using System.CommandLine;
using System.Text.Json;
using Berth.Cli.Client;
using Berth.Cli.Formatting;
using Berth.Cli.Parsing;

namespace Berth.Cli.Commands;

/// <summary>
/// `berth inspect` (containers, then images, then networks), `berth container inspect`, `berth image
/// inspect` and `berth network inspect`: the daemon's JSON for each name printed as one indented
/// array, or a template per object.
/// </summary>
internal sealed class InspectCommand : CliCommand
{
    public enum Kind { Any, Container, Image, Network }

    private readonly Kind _kind;
    private readonly Option<string> _format;
    private readonly Option<string>? _type;
    private readonly Option<bool>? _size;
    private readonly Option<bool>? _verbose;

    public InspectCommand(string name = "inspect", Kind kind = Kind.Any)
        : base(name, DescriptionOf(kind), kind switch
        {
            Kind.Container => "[OPTIONS] CONTAINER [CONTAINER...]",
            Kind.Image => "[OPTIONS] IMAGE [IMAGE...]",
            Kind.Network => "[OPTIONS] NETWORK [NETWORK...]",
            _ => "[OPTIONS] NAME|ID [NAME|ID...]",
        }, ArgRule.AtLeast(1))
    {
        _kind = kind;
        _format = Value("--format", "-f", "Format output using a custom template: 'json' or 'TEMPLATE'");
        if (kind is Kind.Any or Kind.Container) _size = Flag("--size", "-s", "Display total file sizes");
        if (kind == Kind.Any) _type = Value("--type", null, "Only inspect objects of the given type");
        if (kind == Kind.Network) _verbose = Flag("--verbose", "-v", "Verbose output for diagnostics");
    }

    private static string DescriptionOf(Kind kind) => kind switch
    {
        Kind.Container => "Display detailed information on one or more containers",
        Kind.Image => "Display detailed information on one or more images",
        Kind.Network => "Display detailed information on one or more networks",
        _ => "Return low-level information on Berth objects",
    };

    public static ApiRequest ContainerRequest(string name, bool size) =>
        ApiRequest.Get($"/containers/{ApiRequest.Segment(name)}/json") with
        {
            Query = new QueryBuilder().FlagIfSet("size", size).Build(),
        };

    public static ApiRequest ImageRequest(string name) => ApiRequest.Get($"/images/{ApiRequest.Segment(name)}/json");

    public static ApiRequest NetworkRequest(string name, bool verbose) =>
        ApiRequest.Get($"/networks/{ApiRequest.Segment(name)}") with
        {
            Query = new QueryBuilder().AddIf(verbose, "verbose", "true").Build(),
        };

    public override async Task<int> ExecuteAsync(CliContext ctx, ParseResult result, CancellationToken ct)
    {
        var kind = _kind;
        if (_type is not null)
        {
            kind = result.GetValue(_type) switch
            {
                null or "" => Kind.Any,
                "container" => Kind.Container,
                "image" => Kind.Image,
                "network" => Kind.Network,
                var other => throw new CliError(1, $"\"{other}\" is not a valid value for --type"),
            };
        }
        var size = _size is not null && result.GetValue(_size);
        var verbose = _verbose is not null && result.GetValue(_verbose);
        var format = result.GetValue(_format);
        GoTemplate? template = null;
        try
        {
            if (!string.IsNullOrEmpty(format) && format != "json") template = RowOutput.ParseTemplate(format);
        }
        catch (CliError ex)
        {
            // docker's inspect exits 64 for a template that does not parse.
            throw new CliError(64, ex.Text);
        }

        var found = new List<byte[]>();
        var errors = new List<string>();
        foreach (var name in Args(result))
        {
            try
            {
                found.Add(await FetchAsync(ctx, kind, name, size, verbose, ct).ConfigureAwait(false));
            }
            catch (DaemonException ex) when (kind == Kind.Any && ex.IsNotFound)
            {
                errors.Add("Error: No such object: " + name);
            }
            catch (DaemonException ex)
            {
                errors.Add(ex.Display);
            }
        }

        if (template is null)
        {
            ctx.Out.Write(JsonIndenter.IndentArray(found) + "\n");
        }
        else
        {
            foreach (var json in found)
            {
                using var doc = JsonDocument.Parse(json);
                RowOutput.WriteTemplate(ctx, template, doc.RootElement.Clone());
            }
        }
        if (errors.Count > 0) throw new CliError(1, string.Join('\n', errors));
        return 0;
    }

    private static async Task<byte[]> FetchAsync(CliContext ctx, Kind kind, string name, bool size, bool verbose, CancellationToken ct)
    {
        switch (kind)
        {
            case Kind.Container:
                return await ctx.Client.GetRawAsync(ContainerRequest(name, size), ct).ConfigureAwait(false);
            case Kind.Image:
                return await ctx.Client.GetRawAsync(ImageRequest(name), ct).ConfigureAwait(false);
            case Kind.Network:
                return await ctx.Client.GetRawAsync(NetworkRequest(name, verbose), ct).ConfigureAwait(false);
            default:
                try
                {
                    return await ctx.Client.GetRawAsync(ContainerRequest(name, size), ct).ConfigureAwait(false);
                }
                catch (DaemonException ex) when (ex.IsNotFound)
                {
                }
                try
                {
                    return await ctx.Client.GetRawAsync(ImageRequest(name), ct).ConfigureAwait(false);
                }
                catch (DaemonException ex) when (ex.IsNotFound)
                {
                    return await ctx.Client.GetRawAsync(NetworkRequest(name, false), ct).ConfigureAwait(false);
                }
        }
    }
}
