using System.Text.Json.Serialization;

namespace Berth.Engine.Runtime.Spec;

/// <summary>cgroup settings runc applies to the container's cgroup (v1 or v2 alike).</summary>
public sealed class OciResources
{
    /// <summary>Device cgroup rules, evaluated in order; the last matching rule wins.</summary>
    public List<OciDeviceRule>? Devices { get; set; }
    public OciMemory? Memory { get; set; }
    public OciCpu? Cpu { get; set; }
    public OciPids? Pids { get; set; }

    [JsonPropertyName("blockIO")]
    public OciBlockIo? BlockIo { get; set; }
}
