using System.Globalization;
using Berth.Protocol.Formatting;
using Berth.Protocol.Images;

namespace Berth.Cli.Formatting;

/// <summary>Rows for `history`: docker's IMAGE, CREATED, CREATED BY, SIZE, COMMENT columns.</summary>
internal static class HistoryRows
{
    public const string DefaultTableFormat = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    public const string NonHumanTableFormat = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";

    public static readonly IReadOnlyDictionary<string, string> Headers = new Dictionary<string, string>
    {
        ["ID"] = "IMAGE",
        ["CreatedSince"] = "CREATED",
        ["CreatedAt"] = "CREATED AT",
        ["CreatedBy"] = "CREATED BY",
        ["Size"] = "SIZE",
        ["Comment"] = "COMMENT",
    };

    public static IReadOnlyDictionary<string, object?> Build(ImageHistoryItem h, bool trunc, bool human, DateTimeOffset now)
    {
        var createdAt = GoTime.Rfc3339Utc(h.Created);
        // Tabs would break the table's columns.
        var createdBy = h.CreatedBy.Replace('\t', ' ');
        return new Dictionary<string, object?>
        {
            ["ID"] = trunc ? DisplayText.TruncateId(h.Id) : h.Id,
            ["CreatedAt"] = createdAt,
            ["CreatedSince"] = human
                ? HumanUnits.HumanDuration(now - DateTimeOffset.FromUnixTimeSeconds(h.Created)) + " ago"
                : createdAt,
            ["CreatedBy"] = trunc ? DisplayText.Ellipsis(createdBy, 45) : createdBy,
            ["Size"] = human ? DisplayText.CompactSize(h.Size) : h.Size.ToString(CultureInfo.InvariantCulture),
            ["Comment"] = h.Comment,
        };
    }
}
