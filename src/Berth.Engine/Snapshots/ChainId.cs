using System.Text;
using Berth.Engine.Content;

namespace Berth.Engine.Snapshots;

/// <summary>OCI chain IDs: ChainID(L0) = DiffID(L0); ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln)).</summary>
public static class ChainId
{
    public static Digest Of(Digest? parent, Digest diffId) =>
        parent is { } p ? Digest.FromBytes(Encoding.ASCII.GetBytes($"{p} {diffId}")) : diffId;

    public static List<Digest> ForDiffIds(IEnumerable<Digest> diffIds)
    {
        var result = new List<Digest>();
        Digest? parent = null;
        foreach (var d in diffIds)
        {
            parent = Of(parent, d);
            result.Add(parent.Value);
        }
        return result;
    }
}
