using Berth.Engine.Errors;

namespace Berth.Engine.Runtime;

/// <summary>The OCI runtime refused to create or start a container; the message is runc's own reason.</summary>
public sealed class RuntimeException(string message) : BerthException(ErrorKind.System, message);
