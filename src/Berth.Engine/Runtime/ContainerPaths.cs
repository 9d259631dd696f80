namespace Berth.Engine.Runtime;

/// <summary>Where one container's files live: the OCI bundle under data-root, the writable layer under snapshots.</summary>
public sealed class ContainerPaths(EngineOptions options, string id)
{
    public string Bundle { get; } = Path.Combine(options.ContainersRoot, id);
    public string Rootfs => Path.Combine(Bundle, "rootfs");
    public string ConfigJson => Path.Combine(Bundle, "config.json");
    public string LogPath => Path.Combine(Bundle, "container.log");
    public string PidFile => Path.Combine(Bundle, "container.pid");
    public string ConmonPidFile => Path.Combine(Bundle, "conmon.pid");
    public string ConmonLog => Path.Combine(Bundle, "conmon.log");
    public string HostnameFile => Path.Combine(Bundle, "hostname");
    public string HostsFile => Path.Combine(Bundle, "hosts");
    public string ResolvConfFile => Path.Combine(Bundle, "resolv.conf");
    public string WritableLayer { get; } = Path.Combine(options.SnapshotsRoot, "rw", id);
    public string Upper => Path.Combine(WritableLayer, "fs");
    public string Work => Path.Combine(WritableLayer, "work");
    /// <summary>conmon makes &lt;socket dir&gt;/&lt;id&gt; a link to the bundle and puts the attach socket in it.</summary>
    public string AttachSocket => Path.Combine(Bundle, "attach");
    /// <summary>conmon's control fifo: "1 &lt;rows&gt; &lt;columns&gt;" resizes the container's terminal.</summary>
    public string ControlFifo => Path.Combine(Bundle, "ctl");
}
