using System.IO.Pipelines;
using System.Text.Json;
using Berth.Engine.Content;
using Berth.Engine.Errors;
using Berth.Engine.Images;
using Berth.Engine.Runtime;
using Berth.Engine.Snapshots;
using Berth.Protocol.Containers;
using Berth.Protocol.Images;
using Berth.Protocol.Json;

namespace Berth.Engine.Containers;

/// <summary>
/// `commit`: the container's image plus one new layer, the writable layer packed as a tar (overlay
/// whiteouts as AUFS ones) and streamed straight into the layer store, so its diff ID is the sha256
/// of that tar. The config is the container's, with a given config merged over it and -c changes
/// applied; the history gains one entry carrying the command, author and comment.
/// </summary>
public sealed class ContainerCommitter(EngineOptions engineOptions, ContainerFilesystem filesystem, LayerStore layers, ImageStore images)
{
    public async Task<Image> CommitAsync(Container c, CommitOptions options, CancellationToken ct)
    {
        var parent = images.Get(Digest.Parse(c.ImageId)) ?? throw BerthException.NotFound($"No such image: {c.ImageId}");
        var config = options.Config ?? new ContainerConfig();
        ContainerConfigMerger.Merge(config, Clone(c.Config));
        ImageConfigChanges.Apply(config, options.Changes);

        Layer layer;
        // As Docker: the container is frozen while its writable layer is read, so the layer is consistent.
        using (options.Pause && c.State.Status == ContainerStatus.Running
            ? await CgroupFreezer.FreezeAsync($"{engineOptions.CgroupParent.TrimEnd('/')}/{c.Id}", ct).ConfigureAwait(false)
            : null)
            layer = await PackWritableLayerAsync(c, parent.TopLayer, ct).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        var file = new ImageConfigFile
        {
            Architecture = parent.Config.Architecture,
            Os = parent.Config.Os,
            Variant = parent.Config.Variant,
            Created = now,
            Author = NullIfEmpty(options.Author),
            Comment = NullIfEmpty(options.Comment),
            Config = config,
            RootFs = new ImageRootFs { DiffIds = [.. parent.Config.RootFs.DiffIds, layer.DiffId.ToString()] },
            History =
            [
                .. parent.Config.History ?? [],
                new HistoryEntry
                {
                    Created = now,
                    CreatedBy = string.Join(' ', new[] { c.Path }.Concat(c.Args)),
                    Author = NullIfEmpty(options.Author),
                    Comment = NullIfEmpty(options.Comment),
                },
            ],
        };
        var image = images.Register(JsonSerializer.SerializeToUtf8Bytes(file, ProtocolJson.Default.ImageConfigFile), null);
        if (options.Tag is not null) images.Tag(image, options.Tag);
        return image;
    }

    /// <summary>Packs the upper dir into a pipe that the layer store reads as it unpacks; one pass, no temp file.</summary>
    private async Task<Layer> PackWritableLayerAsync(Container c, Digest? parentLayer, CancellationToken ct)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        var upper = filesystem.PathsOf(c).Upper;
        var pack = Task.Run(async () =>
        {
            Exception? failure = null;
            try
            {
                await using var output = pipe.Writer.AsStream(leaveOpen: true);
                await LayerPacker.PackAsync(upper, output, ct).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failure = e;
                throw;
            }
            finally
            {
                await pipe.Writer.CompleteAsync(failure).ConfigureAwait(false);
            }
        }, ct);
        Layer layer;
        try
        {
            await using var input = pipe.Reader.AsStream();
            layer = await layers.ApplyAsync(parentLayer, input, null, null, ct).ConfigureAwait(false);
        }
        catch
        {
            // The packer's own error says more than the reader's broken pipe.
            try { await pack.ConfigureAwait(false); }
            catch (Exception packFailure) when (packFailure is not OperationCanceledException) { throw packFailure is BerthException ? packFailure : BerthException.System(packFailure.Message, packFailure); }
            throw;
        }
        await pack.ConfigureAwait(false);
        return layer;
    }

    private static ContainerConfig Clone(ContainerConfig config) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(config, ProtocolJson.Default.ContainerConfig), ProtocolJson.Default.ContainerConfig)!;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
