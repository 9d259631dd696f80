using System.CommandLine;

namespace Berth.Cli.Parsing;

/// <summary>
/// Reads the command line the way docker's pflag does, before System.CommandLine sees it, and
/// rewrites it into an unambiguous form: every flag becomes "--long=value" (bundles such as
/// "-dit" are split, "-eA=1" and "-e A=1" both become "--env=A=1"), and for run/create a "--"
/// goes before the image so the container's own flags stay its own. Unknown flags and missing
/// values are reported here with pflag's exact messages.
/// </summary>
internal static class FlagScanner
{
    public sealed record Result(List<string> Tokens, Command Command);

    public static Result Scan(Command root, IReadOnlyList<string> args)
    {
        var tokens = new List<string>();
        Command current = root;
        // Single-valued flags given twice: pflag keeps the last, System.CommandLine would refuse.
        var singleIndex = new Dictionary<Option, int>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                tokens.Add("--");
                tokens.AddRange(args.Skip(i + 1));
                break;
            }
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=');
                var name = eq < 0 ? arg : arg[..eq];
                var option = Find(current, name) ?? throw Error(current, $"unknown flag: {name}");
                string? value = eq < 0 ? null : arg[(eq + 1)..];
                if (value is null && TakesValue(option))
                {
                    if (i + 1 >= args.Count) throw Error(current, $"flag needs an argument: {name}");
                    value = args[++i];
                }
                Emit(tokens, singleIndex, option, value);
                continue;
            }
            if (arg.Length > 1 && arg[0] == '-')
            {
                i = ScanShorthands(current, args, i, tokens, singleIndex);
                continue;
            }

            // A positional: a subcommand name while we are still in a group, else an argument.
            if (current is CommandGroup)
            {
                var sub = current.Subcommands.FirstOrDefault(c => c.Name == arg || c.Aliases.Contains(arg));
                if (sub is null) throw UnknownCommand(current, arg);
                tokens.Add(sub.Name);
                current = sub;
                singleIndex.Clear();
                continue;
            }
            if (current is CliCommand { StopAtFirstPositional: true })
            {
                tokens.Add("--");
                tokens.AddRange(args.Skip(i));
                break;
            }
            tokens.Add(arg);
        }
        return new Result(Finish(tokens), current);
    }

    /// <summary>"-dit", "-eA=1", "-e A=1", "-t3": each letter a flag until one takes a value.</summary>
    private static int ScanShorthands(Command current, IReadOnlyList<string> args, int i, List<string> tokens,
        Dictionary<Option, int> singleIndex)
    {
        var arg = args[i];
        for (var j = 1; j < arg.Length; j++)
        {
            var letter = arg[j];
            var option = Find(current, "-" + letter)
                ?? throw Error(current, $"unknown shorthand flag: '{letter}' in -{arg[j..]}");
            var rest = arg[(j + 1)..];
            if (!TakesValue(option))
            {
                // "-d=false": an explicit boolean.
                if (rest.StartsWith('='))
                {
                    Emit(tokens, singleIndex, option, rest[1..]);
                    return i;
                }
                Emit(tokens, singleIndex, option, null);
                continue;
            }
            if (rest.Length > 0)
            {
                Emit(tokens, singleIndex, option, rest.StartsWith('=') ? rest[1..] : rest);
                return i;
            }
            if (i + 1 >= args.Count) throw Error(current, $"flag needs an argument: '{letter}' in -{letter}");
            Emit(tokens, singleIndex, option, args[i + 1]);
            return i + 1;
        }
        return i;
    }

    private static void Emit(List<string> tokens, Dictionary<Option, int> singleIndex, Option option, string? value)
    {
        if (!IsList(option) && singleIndex.TryGetValue(option, out var previous))
        {
            // Blank out the earlier occurrence (its slot keeps later indexes valid).
            tokens[previous] = "\0";
            if (previous + 1 < tokens.Count && tokens[previous + 1] == "\0value") tokens[previous + 1] = "\0";
        }
        singleIndex[option] = tokens.Count;
        if (!TakesValue(option))
        {
            tokens.Add(option.Name + "=" + (value ?? "true"));
        }
        else if (value is { Length: > 0 })
        {
            tokens.Add(option.Name + "=" + value);
        }
        else
        {
            // System.CommandLine rejects "--opt=", so an empty value travels as its own token.
            tokens.Add(option.Name);
            tokens.Add("\0value");
        }
    }

    /// <summary>Drops the blanked slots and turns the empty-value markers into empty strings.</summary>
    private static List<string> Finish(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        foreach (var t in tokens)
        {
            if (t == "\0") continue;
            result.Add(t == "\0value" ? "" : t);
        }
        return result;
    }

    private static Option? Find(Command command, string name)
    {
        foreach (var option in command.Options)
            if (option.Name == name || option.Aliases.Contains(name)) return option;
        return null;
    }

    private static bool TakesValue(Option option) => option.ValueType != typeof(bool);

    private static bool IsList(Option option) => option.ValueType == typeof(string[]);

    private static UsageException Error(Command command, string message) =>
        new(message) { Command = command };

    private static UsageException UnknownCommand(Command group, string name)
    {
        var path = CliCommand.PathOf(group);
        return new UsageException($"unknown command: {path} {name}", exitCode: 1, prefixed: true)
        {
            Command = group,
            OmitUsageLine = group.Parents.FirstOrDefault() is null,
        };
    }
}
