using Berth.Engine.Errors;

namespace Berth.Engine.Runtime.Spec;

public static partial class SpecSteps
{
    /// <summary>CFS period Docker uses when the limit is given as a CPU count (--cpus).</summary>
    public const ulong NanoCpusPeriod = 100_000;

    /// <summary>
    /// cgroup limits with Docker's HostConfig meanings: 0 (or null) leaves a setting alone; memorySwap
    /// -1 is unlimited swap and 0 with a memory limit means twice the memory (Docker's default);
    /// nanoCpus (10⁻⁹ CPUs) becomes a quota over a 100 ms period; pidsLimit ≤ 0 is unlimited.
    /// </summary>
    public static SpecStep WithResources(
        long memory = 0, long memorySwap = 0, long memoryReservation = 0,
        long cpuShares = 0, long cpuQuota = 0, long cpuPeriod = 0, long nanoCpus = 0,
        string? cpusetCpus = null, string? cpusetMems = null, long? pidsLimit = null, ushort blkioWeight = 0)
    {
        if (memorySwap > 0 && memory <= 0)
            throw BerthException.Invalid("You should always set the Memory limit when using Memoryswap limit");
        if (memorySwap > 0 && memorySwap < memory)
            throw BerthException.Invalid("Minimum memoryswap limit should be larger than memory limit, see usage");
        if (nanoCpus > 0 && (cpuQuota > 0 || cpuPeriod > 0))
            throw BerthException.Invalid("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        if (blkioWeight > 0 && blkioWeight is < 10 or > 1000)
            throw BerthException.Invalid("Range of blkio weight is from 10 to 1000");

        return spec =>
        {
            var resources = Resources(spec);
            ApplyMemory(resources, memory, memorySwap, memoryReservation);
            ApplyCpu(resources, cpuShares, cpuQuota, cpuPeriod, nanoCpus, cpusetCpus, cpusetMems);
            if (pidsLimit is { } pids)
                resources.Pids = new OciPids { Limit = pids > 0 ? pids : -1 };
            if (blkioWeight > 0)
                (resources.BlockIo ??= new OciBlockIo()).Weight = blkioWeight;
        };
    }

    private static void ApplyMemory(OciResources resources, long memory, long swap, long reservation)
    {
        if (memory <= 0 && reservation <= 0)
            return;
        var m = resources.Memory ??= new OciMemory();
        if (memory > 0)
            m.Limit = memory;
        if (reservation > 0)
            m.Reservation = reservation;
        // Without swap accounting runc cannot set memsw and would fail the start; Docker drops it too.
        if (memory > 0 && HostKernel.SupportsSwapLimit)
            m.Swap = swap == 0 ? memory * 2 : swap;
    }

    private static void ApplyCpu(OciResources resources, long shares, long quota, long period, long nanoCpus, string? cpus, string? mems)
    {
        if (shares <= 0 && quota <= 0 && period <= 0 && nanoCpus <= 0 && string.IsNullOrEmpty(cpus) && string.IsNullOrEmpty(mems))
            return;
        var cpu = resources.Cpu ??= new OciCpu();
        if (shares > 0)
            cpu.Shares = (ulong)shares;
        if (nanoCpus > 0)
            (cpu.Quota, cpu.Period) = (nanoCpus * (long)NanoCpusPeriod / 1_000_000_000, NanoCpusPeriod);
        if (quota > 0)
            cpu.Quota = quota;
        if (period > 0)
            cpu.Period = (ulong)period;
        if (!string.IsNullOrEmpty(cpus))
            cpu.Cpus = cpus;
        if (!string.IsNullOrEmpty(mems))
            cpu.Mems = mems;
    }
}
