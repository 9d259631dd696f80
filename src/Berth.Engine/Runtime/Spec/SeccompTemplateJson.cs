using System.Text.Json.Serialization;

namespace Berth.Engine.Runtime.Spec;

/// <summary>Source-generated reader for the embedded seccomp template.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(SeccompTemplate))]
internal partial class SeccompTemplateJson : JsonSerializerContext;
