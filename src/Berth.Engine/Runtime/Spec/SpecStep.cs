namespace Berth.Engine.Runtime.Spec;

/// <summary>
/// One small change to a spec (containerd's SpecOpts): the container's config is the default spec
/// with a list of these applied in order, so each concern is written and tested on its own.
/// </summary>
public delegate void SpecStep(OciSpec spec);
