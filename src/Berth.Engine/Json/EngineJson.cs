using System.Text.Json.Serialization;
using Berth.Engine.Containers;
using Berth.Engine.Images.Archive;

namespace Berth.Engine.Json;

/// <summary>Source-generated JSON for the engine's own on-disk and archive formats.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, PropertyNameCaseInsensitive = false,
    UseStringEnumConverter = true, Converters = [typeof(Berth.Protocol.Json.StringOrArrayConverter)])]
[JsonSerializable(typeof(Container))]
[JsonSerializable(typeof(Berth.Engine.Networking.Network))]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(OciIndex))]
[JsonSerializable(typeof(List<ArchiveManifestEntry>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class EngineJson : JsonSerializerContext;
