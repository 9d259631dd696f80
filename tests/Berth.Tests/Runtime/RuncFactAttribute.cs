using Xunit;

namespace Berth.Tests.Runtime;

/// <summary>
/// A fact that needs root, runc and a static busybox; skipped (not failed) on machines without them,
/// since xunit 2 has no runtime skip.
/// </summary>
public sealed class RuncFactAttribute : FactAttribute
{
    public RuncFactAttribute()
    {
        if (RuncBundle.MissingPrerequisite() is { } reason)
            Skip = reason;
    }
}
