using Berth.Engine.Errors;
using Berth.Engine.Runtime;

namespace Berth.Engine.Users;

/// <summary>
/// Turns Docker's --user ("name", "uid", "name:group", "uid:gid") into numbers using the container's
/// own /etc/passwd and /etc/group, as Docker does; numeric IDs need no entry.
/// </summary>
public static class UserResolver
{
    public static ExecUser Resolve(string rootfs, string? user, IEnumerable<string>? groupAdd = null)
    {
        var spec = string.IsNullOrEmpty(user) ? "0" : user;
        var colon = spec.IndexOf(':');
        var userPart = colon < 0 ? spec : spec[..colon];
        var groupPart = colon < 0 ? null : spec[(colon + 1)..];
        var passwd = ReadLines(rootfs, "/etc/passwd").Select(l => l.Split(':')).Where(f => f.Length >= 7).ToList();
        var groups = ReadLines(rootfs, "/etc/group").Select(l => l.Split(':')).Where(f => f.Length >= 4).ToList();

        uint uid, gid;
        var home = "/";
        string? userName = null;
        var entry = passwd.FirstOrDefault(f => f[0] == userPart) ?? (uint.TryParse(userPart, out var n) ? passwd.FirstOrDefault(f => f[2] == userPart) : null);
        if (entry is not null)
        {
            uid = uint.Parse(entry[2]);
            gid = uint.Parse(entry[3]);
            home = entry[5];
            userName = entry[0];
        }
        else if (uint.TryParse(userPart, out var numeric))
        {
            uid = numeric;
            gid = 0;
        }
        else
        {
            throw BerthException.Invalid($"unable to find user {userPart}: no matching entries in passwd file");
        }

        if (groupPart is not null)
        {
            var g = groups.FirstOrDefault(f => f[0] == groupPart);
            if (g is not null) gid = uint.Parse(g[2]);
            else if (uint.TryParse(groupPart, out var numericGid)) gid = numericGid;
            else throw BerthException.Invalid($"unable to find group {groupPart}: no matching entries in group file");
        }

        // Docker's getUser: the primary group leads the supplementary list (`id` shows groups=<gid>,…).
        var additional = new List<uint> { gid };
        if (userName is not null && groupPart is null)
            foreach (var g in groups)
                if (g[3].Split(',').Contains(userName) && uint.TryParse(g[2], out var id)) additional.Add(id);
        foreach (var extra in groupAdd ?? [])
        {
            var g = groups.FirstOrDefault(f => f[0] == extra);
            if (g is not null) additional.Add(uint.Parse(g[2]));
            else if (uint.TryParse(extra, out var numericExtra)) additional.Add(numericExtra);
            else throw BerthException.Invalid($"unable to find group {extra}: no matching entries in group file");
        }
        return new ExecUser(uid, gid, additional.Distinct().ToList(), home);
    }

    private static IEnumerable<string> ReadLines(string rootfs, string path)
    {
        try
        {
            var resolved = RootfsPath.Resolve(rootfs, path);
            if (!File.Exists(resolved)) return [];
            return File.ReadAllLines(resolved).Where(l => l.Length > 0 && !l.StartsWith('#'));
        }
        catch (IOException)
        {
            return [];
        }
    }
}
