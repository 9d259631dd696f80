using System.Text.Json;
using Berth.Engine.Runtime.Spec;
using Xunit;

namespace Berth.Tests.Runtime;

public class OciSpecJsonTests
{
    private static JsonElement Json(OciSpec spec) => JsonDocument.Parse(spec.ToJson()).RootElement;

    private static OciSpec Sample() => SpecSteps.Build(
        SpecSteps.WithRootfs("rootfs"),
        SpecSteps.WithArgs(["sh"]),
        SpecSteps.WithHostname("h"),
        SpecSteps.WithResources(memory: 1 << 26, nanoCpus: 1_000_000_000, pidsLimit: 10, blkioWeight: 100),
        SpecSteps.WithRlimits([new OciRlimit { Type = "nofile", Soft = 1, Hard = 2 }]),
        spec =>
        {
            spec.Linux!.UidMappings = [new OciIdMapping { ContainerId = 0, HostId = 100000, Size = 65536 }];
            spec.Linux.Resources!.Memory!.DisableOomKiller = true;
            spec.Linux.Resources.Memory.KernelTcp = 1;
        });

    [Fact]
    public void Top_level_and_process_keys_are_the_specs()
    {
        var json = Json(Sample());
        Assert.Equal("1.0.2", json.GetProperty("ociVersion").GetString());
        Assert.Equal("h", json.GetProperty("hostname").GetString());
        Assert.False(json.TryGetProperty("domainname", out _));
        Assert.False(json.TryGetProperty("annotations", out _));
        var process = json.GetProperty("process");
        Assert.False(process.GetProperty("terminal").GetBoolean());
        Assert.Equal(0u, process.GetProperty("user").GetProperty("uid").GetUInt32());
        Assert.False(process.GetProperty("user").TryGetProperty("additionalGids", out _));
        Assert.Equal("sh", process.GetProperty("args")[0].GetString());
        Assert.Equal("/", process.GetProperty("cwd").GetString());
        Assert.False(process.GetProperty("noNewPrivileges").GetBoolean());
        Assert.Equal(0, process.GetProperty("oomScoreAdj").GetInt32());
        var caps = process.GetProperty("capabilities");
        Assert.Equal(14, caps.GetProperty("bounding").GetArrayLength());
        Assert.False(caps.TryGetProperty("inheritable", out _));
        Assert.False(caps.TryGetProperty("ambient", out _));
        var rlimit = process.GetProperty("rlimits")[0];
        Assert.Equal(("RLIMIT_NOFILE", 2ul, 1ul), (rlimit.GetProperty("type").GetString(), rlimit.GetProperty("hard").GetUInt64(), rlimit.GetProperty("soft").GetUInt64()));
        Assert.Equal("rootfs", json.GetProperty("root").GetProperty("path").GetString());
        Assert.False(json.GetProperty("root").GetProperty("readonly").GetBoolean());
        var mount = json.GetProperty("mounts")[0];
        Assert.Equal(["destination", "type", "source", "options"], mount.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Linux_keys_are_the_specs()
    {
        var linux = Json(Sample()).GetProperty("linux");
        var mapping = linux.GetProperty("uidMappings")[0];
        Assert.Equal(["containerID", "hostID", "size"], mapping.EnumerateObject().Select(p => p.Name));
        Assert.Equal("pid", linux.GetProperty("namespaces")[0].GetProperty("type").GetString());
        Assert.False(linux.GetProperty("namespaces")[0].TryGetProperty("path", out _));
        Assert.True(linux.TryGetProperty("maskedPaths", out _));
        Assert.True(linux.TryGetProperty("readonlyPaths", out _));
        Assert.False(linux.TryGetProperty("rootfsPropagation", out _));

        var resources = linux.GetProperty("resources");
        var denyAll = resources.GetProperty("devices")[0];
        Assert.Equal(["allow", "access"], denyAll.EnumerateObject().Select(p => p.Name));
        var memory = resources.GetProperty("memory");
        Assert.Equal(1L << 26, memory.GetProperty("limit").GetInt64());
        Assert.True(memory.GetProperty("disableOOMKiller").GetBoolean());
        Assert.Equal(1, memory.GetProperty("kernelTCP").GetInt64());
        Assert.Equal(100_000, resources.GetProperty("cpu").GetProperty("quota").GetInt64());
        Assert.Equal(100_000UL, resources.GetProperty("cpu").GetProperty("period").GetUInt64());
        Assert.Equal(10, resources.GetProperty("pids").GetProperty("limit").GetInt64());
        Assert.Equal(100, resources.GetProperty("blockIO").GetProperty("weight").GetInt32());
    }

    [Fact]
    public void Seccomp_keys_are_the_specs_and_the_marker_is_not_written()
    {
        var seccomp = Json(Sample()).GetProperty("linux").GetProperty("seccomp");
        Assert.Equal("SCMP_ACT_ERRNO", seccomp.GetProperty("defaultAction").GetString());
        Assert.Equal(1u, seccomp.GetProperty("defaultErrnoRet").GetUInt32());
        Assert.False(seccomp.TryGetProperty("isDefaultProfile", out _));
        Assert.False(seccomp.TryGetProperty("IsDefaultProfile", out _));
        var rules = seccomp.GetProperty("syscalls").EnumerateArray().ToList();
        var clone3 = rules.Single(r => r.GetProperty("names").EnumerateArray().Any(n => n.GetString() == "clone3"));
        Assert.Equal(38u, clone3.GetProperty("errnoRet").GetUInt32());
        var clone = rules.Single(r => r.GetProperty("names").EnumerateArray().Any(n => n.GetString() == "clone"));
        Assert.Equal(["index", "value", "valueTwo", "op"], clone.GetProperty("args")[0].EnumerateObject().Select(p => p.Name));
        Assert.All(rules, r => Assert.DoesNotContain(r.EnumerateObject(), p => p.Name.Contains("caps", StringComparison.OrdinalIgnoreCase) || p.Name == "comment"));
        Assert.False(rules[0].TryGetProperty("errnoRet", out _));
        Assert.False(rules[0].TryGetProperty("args", out _));
    }

    [Fact]
    public void Round_trips()
    {
        var spec = Sample();
        var again = OciSpec.FromJson(spec.ToJson());
        Assert.Equal(spec.ToJson(), again.ToJson());
        Assert.Equal(100000u, again.Linux!.UidMappings![0].HostId);
    }

    [Fact]
    public void Write_to_is_atomic_and_overwrites()
    {
        var dir = Directory.CreateTempSubdirectory("berth-spec-");
        try
        {
            var path = Path.Combine(dir.FullName, "config.json");
            File.WriteAllText(path, "old");
            var spec = Sample();
            spec.WriteTo(path);
            Assert.Equal(spec.ToJson(), OciSpec.ReadFrom(path).ToJson());
            Assert.Equal(["config.json"], Directory.GetFiles(dir.FullName).Select(Path.GetFileName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
