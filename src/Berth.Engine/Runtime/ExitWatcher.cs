namespace Berth.Engine.Runtime;

/// <summary>
/// Watches conmon's exit directory (inotify, via FileSystemWatcher) and reports container IDs whose
/// exit file appeared. Also reports files already there at start: containers that ended while
/// berthd was down.
/// </summary>
public sealed class ExitWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;

    public ExitWatcher(string exitDir, Action<string> onExit)
    {
        _watcher = new FileSystemWatcher(exitDir)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            IncludeSubdirectories = false,
        };
        _watcher.Created += (_, e) => onExit(e.Name!);
        _watcher.Changed += (_, e) => onExit(e.Name!);
        // conmon writes the code to a temp file and renames it into place.
        _watcher.Renamed += (_, e) => onExit(e.Name!);
        _watcher.EnableRaisingEvents = true;
        foreach (var file in Directory.EnumerateFiles(exitDir)) onExit(Path.GetFileName(file));
    }

    public void Dispose() => _watcher.Dispose();
}
