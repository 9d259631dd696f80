using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Tests.Integration.Images;

/// <summary>
/// One image for a hand-built `load` archive: its layer blobs (plain or gzip tars) and the config
/// naming their diff IDs. <see cref="DiffIds"/> defaults to the digests of the uncompressed layers.
/// </summary>
public sealed record ArchiveImage(IReadOnlyList<byte[]> Layers, IReadOnlyList<string> RepoTags)
{
    public IReadOnlyList<string>? DiffIds { get; init; }
    public IReadOnlyList<string> Cmd { get; init; } = ["sh"];
    public IReadOnlyList<(string CreatedBy, bool EmptyLayer)> History { get; init; } = [];

    public byte[] Config
    {
        get
        {
            var diffIds = DiffIds ?? Layers.Select(l => LayerTars.Digest(IsGzip(l) ? Gunzip(l) : l)).ToList();
            var config = new JsonObject
            {
                ["architecture"] = "amd64",
                ["os"] = "linux",
                ["created"] = "2024-01-02T03:04:05Z",
                ["config"] = new JsonObject { ["Cmd"] = new JsonArray(Cmd.Select(c => (JsonNode?)c).ToArray()) },
                ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(diffIds.Select(d => (JsonNode?)d).ToArray()) },
                ["history"] = new JsonArray(History.Select(h => (JsonNode?)HistoryEntry(h.CreatedBy, h.EmptyLayer)).ToArray()),
            };
            return Encoding.UTF8.GetBytes(config.ToJsonString());
        }
    }

    private static JsonObject HistoryEntry(string createdBy, bool emptyLayer)
    {
        var entry = new JsonObject { ["created"] = "2024-01-02T03:04:05Z", ["created_by"] = createdBy };
        if (emptyLayer) entry["empty_layer"] = true;
        return entry;
    }

    public string Id => LayerTars.Digest(Config);

    public static bool IsGzip(byte[] blob) => blob.Length > 2 && blob[0] == 0x1f && blob[1] == 0x8b;

    private static byte[] Gunzip(byte[] data)
    {
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(data), System.IO.Compression.CompressionMode.Decompress);
        var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
