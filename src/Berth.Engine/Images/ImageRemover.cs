using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Berth.Protocol.Images;

namespace Berth.Engine.Images;

/// <summary>
/// `rmi` with Docker's rules: removing a name untags it and deletes the image only when no name is
/// left; an image a container uses is kept (a running one even with force); an ID that several
/// repositories point at needs force.
/// </summary>
public sealed class ImageRemover(ImageStore images, ContainerStore containers, Events.EventBus events)
{
    /// <summary>Removes and publishes Docker's untag and delete events for what went.</summary>
    public List<ImageDeleteItem> Remove(string nameOrId, bool force)
    {
        var image = images.Resolve(nameOrId);
        var items = RemoveResolved(image, nameOrId, force);
        foreach (var item in items)
        {
            if (item.Untagged is { } untagged) Events.ImageEvents.Publish(events, "untag", image.Id.ToString(), untagged);
            if (item.Deleted is { } deleted) Events.ImageEvents.Publish(events, "delete", deleted, deleted);
        }
        return items;
    }

    private List<ImageDeleteItem> RemoveResolved(Image image, string nameOrId, bool force)
    {
        var result = new List<ImageDeleteItem>();
        var byId = IsIdReference(nameOrId, image);
        var users = containers.List().Where(c => c.ImageId == image.Id.ToString()).ToList();
        var tags = images.TagsOf(image.Id);

        if (!byId)
        {
            var reference = ImageReference.Parse(nameOrId).WithDefaultTag();
            if (tags.Count == 1 && users.Count > 0 && !force)
                throw BerthException.Conflict($"conflict: unable to remove repository reference \"{nameOrId}\" (must force) - container {users[0].ShortId} is using its referenced image {image.Id.Short}");
            images.Untag(reference);
            result.Add(new ImageDeleteItem { Untagged = reference.FamiliarString });
            if (tags.Count > 1 || users.Count > 0) return result;
        }
        else
        {
            if (users.FirstOrDefault(c => c.State.IsRunning) is { } running)
                throw BerthException.Conflict($"conflict: unable to delete {image.Id.Short} (cannot be forced) - image is being used by running container {running.ShortId}");
            if (users.Count > 0 && !force)
                throw BerthException.Conflict($"conflict: unable to delete {image.Id.Short} (must be forced) - image is being used by stopped container {users[0].ShortId}");
            if (tags.Select(t => t.FullName).Distinct().Count() > 1 && !force)
                throw BerthException.Conflict($"conflict: unable to delete {image.Id.Short} (must be forced) - image is referenced in multiple repositories");
            foreach (var tag in tags)
            {
                images.Untag(tag);
                result.Add(new ImageDeleteItem { Untagged = tag.FamiliarString });
            }
            // Layers a container's root filesystem stacks on must stay: keep the image, untagged.
            if (users.Count > 0) return result;
        }
        result.Add(new ImageDeleteItem { Deleted = image.Id.ToString() });
        foreach (var layer in images.Delete(image)) result.Add(new ImageDeleteItem { Deleted = layer.ToString() });
        return result;
    }

    /// <summary>
    /// Docker's isImageIDPrefix: the argument is the ID or a prefix of it, with or without "sha256:".
    /// ("sha256:…" also parses as repository "sha256" with a tag, so the grammar cannot decide this.)
    /// </summary>
    private static bool IsIdReference(string nameOrId, Image image)
    {
        var hex = nameOrId.StartsWith("sha256:", StringComparison.Ordinal) ? nameOrId[7..] : nameOrId;
        return hex.Length > 0 && image.Id.Hex.StartsWith(hex, StringComparison.Ordinal);
    }
}
