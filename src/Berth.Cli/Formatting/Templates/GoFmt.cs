using System.Text;

namespace Berth.Cli.Formatting.Templates;

/// <summary>
/// Go's fmt.Sprint, Sprintln and Sprintf over template values, including the "%!verb(type=value)",
/// "%!v(MISSING)" and "%!(EXTRA ...)" markers Go writes instead of failing.
/// </summary>
internal static class GoFmt
{
    /// <summary>fmt.Sprint: operands concatenated, with spaces between operands when neither is a string.</summary>
    public static string Sprint(IReadOnlyList<object?> args)
    {
        var printer = new GoValuePrinter();
        var previousString = false;
        for (var i = 0; i < args.Count; i++)
        {
            var isString = args[i] is string;
            if (i > 0 && !isString && !previousString)
                printer.Output.Append(' ');
            printer.PrintArg(args[i], 'v');
            previousString = isString;
        }
        return printer.Output.ToString();
    }

    /// <summary>fmt.Sprintln: operands separated by spaces, then a newline.</summary>
    public static string Sprintln(IReadOnlyList<object?> args)
    {
        var printer = new GoValuePrinter();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
                printer.Output.Append(' ');
            printer.PrintArg(args[i], 'v');
        }
        printer.Output.Append('\n');
        return printer.Output.ToString();
    }

    /// <summary>The %v rendering of one value (what an action prints).</summary>
    public static string Format(object? value)
    {
        var printer = new GoValuePrinter();
        printer.PrintArg(value, 'v');
        return printer.Output.ToString();
    }

    /// <summary>fmt.Sprintf.</summary>
    public static string Sprintf(string format, IReadOnlyList<object?> args)
    {
        var printer = new GoValuePrinter();
        var output = printer.Output;
        var argNum = 0;
        var reordered = false;
        var end = format.Length;
        var i = 0;
        while (i < end)
        {
            var goodArgNum = true;
            var start = i;
            while (i < end && format[i] != '%')
                i++;
            if (i > start)
                output.Append(format, start, i - start);
            if (i >= end)
                break;
            i++; // the '%'

            var flags = new GoFormatFlags();
            for (; i < end; i++)
            {
                var c = format[i];
                if (c == '#')
                    flags.Sharp = true;
                else if (c == '0')
                    flags.Zero = !flags.Minus; // zero padding only on the left
                else if (c == '+')
                    flags.Plus = true;
                else if (c == '-')
                {
                    flags.Minus = true;
                    flags.Zero = false;
                }
                else if (c == ' ')
                    flags.Space = true;
                else
                    break;
            }

            (argNum, i, var afterIndex) = ArgNumber(format, i, argNum, args.Count, ref goodArgNum, ref reordered);

            if (i < end && format[i] == '*')
            {
                i++;
                (flags.Width, flags.HasWidth, argNum) = IntFromArg(args, argNum);
                if (!flags.HasWidth)
                    output.Append("%!(BADWIDTH)");
                if (flags.Width < 0)
                {
                    flags.Width = -flags.Width;
                    flags.Minus = true;
                    flags.Zero = false;
                }
                afterIndex = false;
            }
            else
            {
                (flags.Width, flags.HasWidth, i) = ParseNumber(format, i, end);
                if (afterIndex && flags.HasWidth)
                    goodArgNum = false; // "%[3]2d"
            }

            if (i + 1 < end && format[i] == '.')
            {
                i++;
                if (afterIndex)
                    goodArgNum = false; // "%[3].2d"
                (argNum, i, afterIndex) = ArgNumber(format, i, argNum, args.Count, ref goodArgNum, ref reordered);
                if (i < end && format[i] == '*')
                {
                    i++;
                    (flags.Precision, flags.HasPrecision, argNum) = IntFromArg(args, argNum);
                    if (flags.Precision < 0)
                    {
                        flags.Precision = 0;
                        flags.HasPrecision = false;
                    }
                    if (!flags.HasPrecision)
                        output.Append("%!(BADPREC)");
                    afterIndex = false;
                }
                else
                {
                    (flags.Precision, flags.HasPrecision, i) = ParseNumber(format, i, end);
                    if (!flags.HasPrecision)
                    {
                        flags.Precision = 0;
                        flags.HasPrecision = true;
                    }
                }
            }

            if (!afterIndex)
                (argNum, i, _) = ArgNumber(format, i, argNum, args.Count, ref goodArgNum, ref reordered);

            if (i >= end)
            {
                output.Append("%!(NOVERB)");
                break;
            }

            var verb = (int)format[i];
            var size = 1;
            if (char.IsHighSurrogate(format[i]) && i + 1 < end && char.IsLowSurrogate(format[i + 1]))
            {
                verb = char.ConvertToUtf32(format[i], format[i + 1]);
                size = 2;
            }
            i += size;

            if (verb == '%')
            {
                output.Append('%'); // absorbs no operand, ignores width and precision
            }
            else if (!goodArgNum)
            {
                output.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(BADINDEX)");
            }
            else if (argNum >= args.Count)
            {
                output.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(MISSING)");
            }
            else
            {
                if (verb == 'v')
                {
                    // %#v is Go syntax; %+v only matters for structs, which templates here never see.
                    flags.SharpV = flags.Sharp;
                    flags.Sharp = false;
                    flags.Plus = false;
                }
                printer.Flags = flags;
                printer.PrintArg(args[argNum], verb);
                argNum++;
            }
        }

        if (!reordered && argNum < args.Count)
        {
            printer.Flags = default;
            output.Append("%!(EXTRA ");
            for (var k = argNum; k < args.Count; k++)
            {
                if (k > argNum)
                    output.Append(", ");
                if (args[k] is null)
                {
                    output.Append("<nil>");
                    continue;
                }
                output.Append(TemplateValues.TypeName(args[k])).Append('=');
                printer.PrintArg(args[k], 'v');
            }
            output.Append(')');
        }
        return output.ToString();
    }

    /// <summary>An explicit "[n]" argument index, if present.</summary>
    private static (int ArgNum, int Index, bool Found) ArgNumber(string format, int i, int argNum, int count, ref bool goodArgNum, ref bool reordered)
    {
        if (i >= format.Length || format[i] != '[')
            return (argNum, i, false);
        reordered = true;
        var (index, width, ok) = ParseArgNumber(format.AsSpan(i));
        if (ok && index >= 0 && index < count)
            return (index, i + width, true);
        goodArgNum = false;
        return (argNum, i + width, ok);
    }

    private static (int Index, int Width, bool Ok) ParseArgNumber(ReadOnlySpan<char> format)
    {
        if (format.Length < 3)
            return (0, 1, false);
        for (var i = 1; i < format.Length; i++)
        {
            if (format[i] != ']')
                continue;
            var (value, ok, next) = ParseNumber(format.ToString(), 1, i);
            if (!ok || next != i)
                return (0, i + 1, false);
            return (value - 1, i + 1, true);
        }
        return (0, 1, false);
    }

    private static (int Value, bool Ok, int Next) ParseNumber(string s, int start, int end)
    {
        if (start >= end)
            return (0, false, end);
        var value = 0;
        var ok = false;
        var i = start;
        for (; i < end && s[i] is >= '0' and <= '9'; i++)
        {
            if (value > 1_000_000 || value < -1_000_000)
                return (0, false, end); // absurdly long number
            value = value * 10 + (s[i] - '0');
            ok = true;
        }
        return (value, ok, i);
    }

    private static (int Value, bool Ok, int ArgNum) IntFromArg(IReadOnlyList<object?> args, int argNum)
    {
        if (argNum >= args.Count)
            return (0, false, argNum);
        var ok = args[argNum] is long n && n is >= int.MinValue and <= int.MaxValue;
        var value = ok ? (int)(long)args[argNum]! : 0;
        if (value > 1_000_000 || value < -1_000_000)
            return (0, false, argNum + 1);
        return (value, ok, argNum + 1);
    }
}
