using Berth.Tests.Integration.Support;
using Xunit;

namespace Berth.Tests.Integration.Images;

/// <summary>
/// What bad input must leave as it was: the image list (IDs, names, sizes) and every path under the
/// daemon's content store and snapshots, blobs and ingest leftovers included.
/// </summary>
public sealed record StoreState(string Images, string Files)
{
    public static async Task<StoreState> CaptureAsync(BerthDaemon daemon)
    {
        // No CREATED column: its "N seconds ago" moves on by itself.
        var images = await daemon.BerthOk("images", "-a", "--no-trunc", "--format", "{{.ID}} {{.Repository}}:{{.Tag}} {{.Size}}");
        var find = await ProcessRunner.RunAsync("find", [Path.Combine(daemon.DataRoot, "content"), Path.Combine(daemon.DataRoot, "snapshots")]);
        var files = find.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal);
        return new StoreState(images, string.Join('\n', files));
    }

    public void AssertUnchangedSince(StoreState before)
    {
        Assert.Equal(before.Images, Images);
        Assert.Equal(before.Files, Files);
    }
}
