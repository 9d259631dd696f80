using System.Text.Json.Serialization;

namespace Berth.Protocol.Exec;

/// <summary>The ProcessConfig of an exec inspect; Docker spells these keys in lower case.</summary>
public sealed class ExecProcessConfig
{
    [JsonPropertyName("tty")]
    public bool Tty { get; set; }

    [JsonPropertyName("entrypoint")]
    public string Entrypoint { get; set; } = "";

    [JsonPropertyName("arguments")]
    public List<string> Arguments { get; set; } = [];

    [JsonPropertyName("privileged")]
    public bool? Privileged { get; set; }

    [JsonPropertyName("user")]
    public string? User { get; set; }
}
