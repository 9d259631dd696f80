using Berth.Engine.Errors;
using Berth.Engine.Runtime.Spec;
using Xunit;

namespace Berth.Tests.Runtime;

public class SpecStepsResourceTests
{
    private static OciResources Resources(SpecStep step) => SpecSteps.Build(step).Linux!.Resources!;

    [Fact]
    public void Nothing_set_leaves_only_the_device_rules()
    {
        var r = Resources(SpecSteps.WithResources());
        Assert.NotEmpty(r.Devices!);
        Assert.Null(r.Memory);
        Assert.Null(r.Cpu);
        Assert.Null(r.Pids);
        Assert.Null(r.BlockIo);
    }

    [Fact]
    public void Memory_limits_and_dockers_swap_default()
    {
        var m = Resources(SpecSteps.WithResources(memory: 64 << 20, memoryReservation: 32 << 20)).Memory!;
        Assert.Equal((64L << 20, 32L << 20), (m.Limit!.Value, m.Reservation!.Value));
        Assert.Equal(HostKernel.SupportsSwapLimit ? 128L << 20 : null, m.Swap);
        var unlimited = Resources(SpecSteps.WithResources(memory: 64 << 20, memorySwap: -1)).Memory!;
        Assert.Equal(HostKernel.SupportsSwapLimit ? -1 : null, unlimited.Swap);
        Assert.Throws<BerthException>(() => SpecSteps.WithResources(memorySwap: 1 << 20));
        Assert.Throws<BerthException>(() => SpecSteps.WithResources(memory: 2 << 20, memorySwap: 1 << 20));
    }

    [Fact]
    public void Nano_cpus_become_quota_over_a_100ms_period()
    {
        var cpu = Resources(SpecSteps.WithResources(nanoCpus: 1_500_000_000, cpuShares: 512, cpusetCpus: "0-1", cpusetMems: "0")).Cpu!;
        Assert.Equal(150_000L, cpu.Quota);
        Assert.Equal(100_000UL, cpu.Period);
        Assert.Equal(512UL, cpu.Shares);
        Assert.Equal(("0-1", "0"), (cpu.Cpus, cpu.Mems));
        Assert.Throws<BerthException>(() => SpecSteps.WithResources(nanoCpus: 1, cpuQuota: 1000));
    }

    [Fact]
    public void Explicit_quota_and_period()
    {
        var cpu = Resources(SpecSteps.WithResources(cpuQuota: 50_000, cpuPeriod: 200_000)).Cpu!;
        Assert.Equal((50_000L, 200_000UL), (cpu.Quota!.Value, cpu.Period!.Value));
    }

    [Fact]
    public void Pids_and_blkio()
    {
        Assert.Equal(100, Resources(SpecSteps.WithResources(pidsLimit: 100)).Pids!.Limit);
        Assert.Equal(-1, Resources(SpecSteps.WithResources(pidsLimit: 0)).Pids!.Limit);
        Assert.Equal((ushort)500, Resources(SpecSteps.WithResources(blkioWeight: 500)).BlockIo!.Weight);
        Assert.Throws<BerthException>(() => SpecSteps.WithResources(blkioWeight: 5));
    }
}
