using Berth.Engine.Errors;
using Berth.Engine.Runtime;
using Berth.Engine.Users;
using Xunit;

namespace Berth.Tests.Users;

public sealed class UserResolverTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "berth-users-" + Guid.NewGuid().ToString("N"));

    public UserResolverTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        File.WriteAllText(Path.Combine(_root, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n");
        File.WriteAllText(Path.Combine(_root, "etc/group"), "root:x:0:\napp:x:1000:\nextra:x:2000:app\n");
    }

    public void Dispose() => Directory.Delete(_root, true);

    [Fact]
    public void A_name_resolves_through_passwd_with_its_groups_and_home()
    {
        var u = UserResolver.Resolve(_root, "app");
        Assert.Equal((1000u, 1000u, "/home/app"), (u.Uid, u.Gid, u.Home));
        // Docker lists the primary group among the supplementary ones too.
        Assert.Equal([1000u, 2000u], u.AdditionalGids);
    }

    [Fact]
    public void Numeric_ids_need_no_entry() =>
        Assert.Equal((4242u, 77u), (UserResolver.Resolve(_root, "4242:77").Uid, UserResolver.Resolve(_root, "4242:77").Gid));

    [Fact]
    public void An_unknown_name_is_Dockers_error() =>
        Assert.Equal("unable to find user nobody-here: no matching entries in passwd file",
            Assert.Throws<BerthException>(() => UserResolver.Resolve(_root, "nobody-here")).Message);

    [Fact]
    public void A_symlinked_passwd_pointing_outside_the_rootfs_is_read_inside_it()
    {
        File.Delete(Path.Combine(_root, "etc/passwd"));
        Directory.CreateDirectory(Path.Combine(_root, "real"));
        File.WriteAllText(Path.Combine(_root, "real/passwd"), "svc:x:33:33::/srv:/bin/sh\n");
        // An absolute link means the container's /real/passwd, never the host's file.
        File.CreateSymbolicLink(Path.Combine(_root, "etc/passwd"), "/../../real/passwd");
        Assert.Equal(Path.Combine(_root, "real/passwd"), RootfsPath.Resolve(_root, "/etc/passwd"));
        Assert.Equal(33u, UserResolver.Resolve(_root, "svc").Uid);
    }
}
