namespace Berth.Cli.Copy;

/// <summary>
/// Where an archive is extracted and the name its top entry takes there: `docker cp`'s rules
/// (dir into an existing dir keeps its name; otherwise the copy takes the destination's name).
/// </summary>
internal sealed record CopyTarget(string Directory, string TopName)
{
    /// <summary>Docker's SplitPathDirEntry base: "a/b/" is "b", "a/b/." is ".", "/" is "/".</summary>
    public static string BaseOf(string path)
    {
        if (path.EndsWith("/.", StringComparison.Ordinal) || path == ".") return ".";
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0) return "/";
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    public static string DirOf(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed.EndsWith("/.", StringComparison.Ordinal)) trimmed = trimmed[..^2];
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? "." : slash == 0 ? "/" : trimmed[..slash];
    }

    /// <summary>Docker's PrepareArchiveCopy for a source named <paramref name="sourceName"/> (a dir or not).</summary>
    public static CopyTarget Plan(string sourceName, bool sourceIsDir, string destination, bool destinationExists, bool destinationIsDir)
    {
        var assertsDir = destination.EndsWith('/') || destination.EndsWith("/.", StringComparison.Ordinal);
        if (destinationExists && destinationIsDir) return new CopyTarget(destination, sourceName);
        if (destinationExists)
        {
            if (sourceIsDir) throw new Commands.CliError(1, "cannot copy directory");
            if (assertsDir) throw new Commands.CliError(1, $"destination \"{destination}\" must be a directory");
            return new CopyTarget(DirOf(destination), BaseOf(destination));
        }
        if (assertsDir && !sourceIsDir) throw new Commands.CliError(1, $"destination directory \"{destination}\" does not exist");
        return new CopyTarget(DirOf(destination), BaseOf(destination));
    }
}
