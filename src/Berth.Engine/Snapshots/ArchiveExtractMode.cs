namespace Berth.Engine.Snapshots;

/// <summary>How a tar is extracted: as an image layer (whiteouts applied) or as docker cp's archive (names kept as they are).</summary>
public enum ArchiveExtractMode
{
    /// <summary>AUFS whiteouts and opaque markers become overlayfs ones; any entry replaces what is there.</summary>
    Layer,
    /// <summary>The archive API: ".wh." names are ordinary files; any entry replaces what is there.</summary>
    Copy,
    /// <summary>As <see cref="Copy"/>, but a directory is never replaced by a non-directory or the reverse.</summary>
    CopyNoOverwriteDirNonDir,
}
