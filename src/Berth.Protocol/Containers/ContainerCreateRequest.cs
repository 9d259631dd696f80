using System.Text.Json.Serialization;
using Berth.Protocol.Json;

namespace Berth.Protocol.Containers;

/// <summary>Body of POST /containers/create: the Config fields inline, plus HostConfig and NetworkingConfig.</summary>
public sealed class ContainerCreateRequest
{
    public string Hostname { get; set; } = "";
    public string Domainname { get; set; } = "";
    public string User { get; set; } = "";
    public bool AttachStdin { get; set; }
    public bool AttachStdout { get; set; }
    public bool AttachStderr { get; set; }
    public Dictionary<string, EmptyObject>? ExposedPorts { get; set; }
    public bool Tty { get; set; }
    public bool OpenStdin { get; set; }
    public bool StdinOnce { get; set; }
    public List<string>? Env { get; set; }
    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? Cmd { get; set; }
    public HealthConfig? Healthcheck { get; set; }
    public bool ArgsEscaped { get; set; }
    public string Image { get; set; } = "";
    public Dictionary<string, EmptyObject>? Volumes { get; set; }
    public string WorkingDir { get; set; } = "";
    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? Entrypoint { get; set; }
    public bool NetworkDisabled { get; set; }
    public string? MacAddress { get; set; }
    public List<string>? OnBuild { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public string? StopSignal { get; set; }
    public int? StopTimeout { get; set; }
    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string>? Shell { get; set; }
    public HostConfig? HostConfig { get; set; }
    public NetworkingConfig? NetworkingConfig { get; set; }

    public ContainerConfig ToConfig() => new()
    {
        Hostname = Hostname, Domainname = Domainname, User = User,
        AttachStdin = AttachStdin, AttachStdout = AttachStdout, AttachStderr = AttachStderr,
        ExposedPorts = ExposedPorts, Tty = Tty, OpenStdin = OpenStdin, StdinOnce = StdinOnce,
        Env = Env, Cmd = Cmd, Healthcheck = Healthcheck, ArgsEscaped = ArgsEscaped, Image = Image,
        Volumes = Volumes, WorkingDir = WorkingDir, Entrypoint = Entrypoint, NetworkDisabled = NetworkDisabled,
        MacAddress = MacAddress, OnBuild = OnBuild, Labels = Labels, StopSignal = StopSignal,
        StopTimeout = StopTimeout, Shell = Shell,
    };
}
