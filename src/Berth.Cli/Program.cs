// TEMPORARY stand-in until the `cli` branch lands (the CLI project needs an entry point to build).
namespace Berth.Cli;

internal static class Program
{
    private static int Main() => 0;
}
