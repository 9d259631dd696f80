using System.Text.Json.Serialization;

namespace Berth.Engine.Runtime.Spec;

/// <summary>
/// Source-generated JSON for config.json (the engine is AOT-compiled). Property names are the spec's
/// camelCase; nulls are omitted because runc treats a present-but-empty object differently from an
/// absent one (e.g. an empty seccomp object is an error).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(OciSpec))]
[JsonSerializable(typeof(OciSeccomp))]
[JsonSerializable(typeof(OciProcess))]
public partial class OciSpecJson : JsonSerializerContext;
