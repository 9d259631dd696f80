using Berth.Engine.Errors;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// `POST /containers/{id}/resize`: a TTY container's window size. Without a TTY there is
    /// nothing to resize and Docker answers OK as well.
    /// </summary>
    public void Resize(Container c, int height, int width)
    {
        if (!c.State.IsRunning) throw BerthException.Conflict($"container {c.Id} is not running");
        if (!c.Config.Tty || height <= 0 || width <= 0) return;
        try
        {
            _runtime.ResizeTerminal(PathsOf(c), height, width);
        }
        catch (IOException e)
        {
            throw BerthException.System($"cannot resize the container's terminal: {e.Message}");
        }
    }
}
