namespace Berth.Engine.Events;

/// <summary>Image events: the image ID as the actor and the reference concerned as its "name" attribute.</summary>
public static class ImageEvents
{
    public static void Publish(EventBus bus, string action, string imageId, string? name) =>
        bus.Publish("image", action, imageId, new Dictionary<string, string> { ["name"] = name ?? imageId });
}
