using Berth.Engine.Containers;
using Berth.Engine.Errors;
using Xunit;

namespace Berth.Tests.Containers;

public sealed class ProcessTableTests
{
    private const string Ps = """
        UID          PID    PPID  C STIME TTY          TIME CMD
        root           1       0  0 10:00 ?        00:00:01 /sbin/init
        root         100       1  0 10:01 ?        00:00:00 sleep 60
        root         101     100  0 10:01 ?        00:00:00 sh -c while true; do sleep 1; done
        """;

    [Fact]
    public void Keeps_the_container_pids_and_joins_the_command_into_one_cell()
    {
        var (titles, processes) = ProcessTable.Parse(Ps, new HashSet<int> { 100, 101 });
        Assert.Equal(["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], titles);
        Assert.Equal(2, processes.Count);
        Assert.Equal(["root", "100", "1", "0", "10:01", "?", "00:00:00", "sleep 60"], processes[0]);
        Assert.Equal("sh -c while true; do sleep 1; done", processes[1][^1]);
    }

    [Fact]
    public void Output_without_a_PID_column_is_refused()
    {
        var e = Assert.Throws<BerthException>(() => ProcessTable.Parse("USER COMMAND\nroot init\n", new HashSet<int> { 1 }));
        Assert.Contains("Couldn't find PID field in ps output", e.Message);
    }
}
