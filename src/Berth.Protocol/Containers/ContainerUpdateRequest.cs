namespace Berth.Protocol.Containers;

/// <summary>POST /containers/{id}/update. Only the restart policy is acted on; resources come later.</summary>
public sealed class ContainerUpdateRequest
{
    public RestartPolicy? RestartPolicy { get; set; }
}
