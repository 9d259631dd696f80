namespace Berth.Cli.Parsing;

/// <summary>
/// How many positional arguments a command takes, with docker's wording when the count is wrong
/// (cli/required.go: "'docker rm' requires at least 1 argument", exit status 1).
/// </summary>
internal sealed record ArgRule(int Min, int Max)
{
    public static readonly ArgRule None = new(0, 0);
    public static readonly ArgRule Any = new(0, int.MaxValue);
    public static ArgRule AtLeast(int n) => new(n, int.MaxValue);
    public static ArgRule AtMost(int n) => new(0, n);
    public static ArgRule Exactly(int n) => new(n, n);
    public static ArgRule Between(int min, int max) => new(min, max);

    /// <summary>Throws a <see cref="UsageException"/> when <paramref name="count"/> breaks the rule.</summary>
    public void Check(int count, string commandPath)
    {
        if (count >= Min && count <= Max) return;
        string message;
        var verb = "Run";
        if (Max == 0)
            message = $"'{commandPath}' accepts no arguments";
        else if (Min == Max)
            message = $"'{commandPath}' requires {Min} {Plural(Min)}";
        else if (Max == int.MaxValue)
        {
            message = $"'{commandPath}' requires at least {Min} {Plural(Min)}";
            verb = "See";
        }
        else if (Min == 0)
            message = $"'{commandPath}' requires at most {Max} {Plural(Max)}";
        else
            message = $"'{commandPath}' requires at least {Min} and at most {Max} {Plural(Max)}";
        throw new UsageException(message, exitCode: 1, prefixed: true) { TrailerVerb = verb };
    }

    private static string Plural(int n) => n == 1 ? "argument" : "arguments";
}
