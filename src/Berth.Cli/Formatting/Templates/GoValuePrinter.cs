using System.Globalization;
using System.Text;
using Berth.Protocol.Formatting;

namespace Berth.Cli.Formatting.Templates;

/// <summary>fmt's printArg/printValue for template values: verbs, padding and Go's map and slice layout.</summary>
internal sealed class GoValuePrinter
{
    public StringBuilder Output { get; } = new();

    public GoFormatFlags Flags;

    /// <summary>Prints one top-level operand with <paramref name="verb"/>.</summary>
    public void PrintArg(object? arg, int verb) => PrintValue(arg, verb, depth: 0);

    private void PrintValue(object? value, int verb, int depth)
    {
        if (value is null or GoNil)
        {
            // A nil operand only prints with %v/%T; a nil element of a map or slice always prints.
            if (Flags.SharpV)
                PadString(depth == 0 ? "<nil>" : "interface {}(nil)");
            else if (verb is 'v' or 'T' || depth > 0)
                PadString("<nil>");
            else
                BadVerb(verb, value);
            return;
        }
        if (verb == 'T')
        {
            PadString(TemplateValues.TypeName(value));
            return;
        }
        switch (value)
        {
            case bool b:
                if (verb is 't' or 'v')
                    PadString(b ? "true" : "false");
                else
                    BadVerb(verb, value);
                return;
            case long l:
                FormatInteger(l, verb, value);
                return;
            case double d:
                FormatFloat(d, verb, value);
                return;
            case string s:
                FormatString(s, verb, value);
                return;
            case TemplateMethod:
                // Go prints a func value's address; there is none to show here.
                PadString("0x0");
                return;
        }
        if (TemplateValues.IsMap(value))
        {
            var entries = TemplateValues.SortedEntries(value);
            Output.Append(Flags.SharpV ? "map[string]interface {}{" : "map[");
            for (var i = 0; i < entries.Count; i++)
            {
                if (i > 0)
                    Output.Append(Flags.SharpV ? ", " : " ");
                PrintValue(entries[i].Key, verb, depth + 1);
                Output.Append(':');
                PrintValue(entries[i].Value, verb, depth + 1);
            }
            Output.Append(Flags.SharpV ? '}' : ']');
            return;
        }
        if (TemplateValues.IsList(value))
        {
            var items = TemplateValues.Items(value);
            Output.Append(Flags.SharpV ? TemplateValues.TypeName(value) + "{" : "[");
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                    Output.Append(Flags.SharpV ? ", " : " ");
                PrintValue(items[i], verb, depth + 1);
            }
            Output.Append(Flags.SharpV ? '}' : ']');
            return;
        }
        PadString(value.ToString() ?? "");
    }

    /// <summary>"%!d(string=abc)": the verb does not suit the operand.</summary>
    private void BadVerb(int verb, object? value)
    {
        Output.Append("%!").Append(char.ConvertFromUtf32(verb)).Append('(');
        if (value is null or GoNil)
        {
            Output.Append("<nil>");
        }
        else
        {
            Output.Append(TemplateValues.TypeName(value)).Append('=');
            PrintValue(value, 'v', depth: 0);
        }
        Output.Append(')');
    }

    private void FormatInteger(long value, int verb, object boxed)
    {
        switch (verb)
        {
            case 'v' or 'd':
                FormatIntegerDigits(value, 10, verb, upper: false);
                return;
            case 'b':
                FormatIntegerDigits(value, 2, verb, upper: false);
                return;
            case 'o' or 'O':
                FormatIntegerDigits(value, 8, verb, upper: false);
                return;
            case 'x':
                FormatIntegerDigits(value, 16, verb, upper: false);
                return;
            case 'X':
                FormatIntegerDigits(value, 16, verb, upper: true);
                return;
            case 'c':
                Pad(RuneText(value));
                return;
            case 'q':
                Pad(GoStrings.QuoteRune(value is >= 0 and <= 0x10FFFF ? (int)value : 0xFFFD));
                return;
            case 'U':
                FormatUnicode(value);
                return;
            default:
                BadVerb(verb, boxed);
                return;
        }
    }

    /// <summary>fmt.fmtInteger: precision or zero flag pads digits, then prefix and sign, then width.</summary>
    private void FormatIntegerDigits(long value, int radix, int verb, bool upper)
    {
        var negative = value < 0;
        var magnitude = negative ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        var precision = 0;
        if (Flags.HasPrecision)
        {
            precision = Flags.Precision;
            if (precision == 0 && magnitude == 0)
            {
                // Precision 0 and value 0 print nothing but the padding.
                WritePadding(Flags.HasWidth ? Flags.Width : 0, zero: false);
                return;
            }
        }
        else if (Flags.Zero && !Flags.Minus && Flags.HasWidth)
        {
            precision = Flags.Width;
            if (negative || Flags.Plus || Flags.Space)
                precision--; // room for the sign
        }

        var digits = magnitude == 0 ? "0" : ToRadix(magnitude, radix, upper);
        if (digits.Length < precision)
            digits = new string('0', precision - digits.Length) + digits;
        if (Flags.Sharp)
        {
            digits = radix switch
            {
                2 => "0b" + digits,
                8 when digits[0] != '0' => "0" + digits,
                16 => (upper ? "0X" : "0x") + digits,
                _ => digits,
            };
        }
        if (verb == 'O')
            digits = "0o" + digits;
        if (negative)
            digits = "-" + digits;
        else if (Flags.Plus)
            digits = "+" + digits;
        else if (Flags.Space)
            digits = " " + digits;
        Pad(digits, zero: false);
    }

    private void FormatFloat(double value, int verb, object boxed)
    {
        switch (verb)
        {
            case 'v':
                FormatFloatText(value, 'g', -1);
                return;
            case 'g' or 'G' or 'b' or 'x' or 'X':
                // Binary and hex float layouts are not reproduced; %g is the nearest Go form.
                FormatFloatText(value, verb is 'G' or 'X' ? 'G' : 'g', -1);
                return;
            case 'e' or 'E' or 'f' or 'F':
                FormatFloatText(value, verb == 'F' ? 'f' : (char)verb, 6);
                return;
            default:
                BadVerb(verb, boxed);
                return;
        }
    }

    /// <summary>fmt.fmtFloat: sign handling, then zero padding after the sign.</summary>
    private void FormatFloatText(double value, char format, int precision)
    {
        if (Flags.HasPrecision)
            precision = Flags.Precision;
        var text = GoFloat.Format(value, format, precision);
        var sign = text[0] is '-' or '+' ? text[0] : '+';
        var number = text[0] is '-' or '+' ? text[1..] : text;
        if (Flags.Space && sign == '+' && !Flags.Plus)
            sign = ' ';
        if (number is "Inf" or "NaN")
        {
            // Infinities and NaN are never zero padded; NaN has no sign unless asked for.
            var special = number == "NaN" && !Flags.Space && !Flags.Plus ? number : sign + number;
            Pad(special, zero: false);
            return;
        }
        if (Flags.Plus || sign != '+')
        {
            var signed = sign + number;
            if (Flags.Zero && !Flags.Minus && Flags.HasWidth && Flags.Width > signed.Length)
            {
                Output.Append(sign);
                WritePadding(Flags.Width - signed.Length, zero: true);
                Output.Append(number);
                return;
            }
            Pad(signed);
            return;
        }
        Pad(number);
    }

    private void FormatString(string value, int verb, object boxed)
    {
        switch (verb)
        {
            case 'v':
                if (Flags.SharpV)
                    Pad(GoStrings.Quote(value));
                else
                    PadString(Truncate(value));
                return;
            case 's':
                PadString(Truncate(value));
                return;
            case 'q':
                var truncated = Truncate(value);
                if (Flags.Sharp && !truncated.Contains('`') && truncated.All(c => c == '\t' || !char.IsControl(c)))
                    PadString("`" + truncated + "`");
                else
                    PadString(Flags.Plus ? GoStrings.QuoteToAscii(truncated) : GoStrings.Quote(truncated));
                return;
            case 'x' or 'X':
                PadString(HexBytes(value, verb == 'X'));
                return;
            default:
                BadVerb(verb, boxed);
                return;
        }
    }

    /// <summary>%x of a string: its UTF-8 bytes in hex, optionally spaced and prefixed.</summary>
    private string HexBytes(string value, bool upper)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var length = Flags.HasPrecision && Flags.Precision < bytes.Length ? Flags.Precision : bytes.Length;
        var sb = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            if (Flags.Space && i > 0)
                sb.Append(' ');
            if (Flags.Sharp && (Flags.Space || i == 0))
                sb.Append(upper ? "0X" : "0x");
            sb.Append(bytes[i].ToString(upper ? "X2" : "x2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private void FormatUnicode(long value)
    {
        var hex = ((ulong)value).ToString("X", CultureInfo.InvariantCulture);
        var minimum = Flags.HasPrecision && Flags.Precision > 4 ? Flags.Precision : 4;
        var text = "U+" + hex.PadLeft(minimum, '0');
        if (Flags.Sharp && value is >= 0 and <= 0x10FFFF && System.Text.Rune.IsValid((int)value) && GoStrings.IsPrint(new System.Text.Rune((int)value)))
            text += " '" + char.ConvertFromUtf32((int)value) + "'";
        Pad(text, zero: false);
    }

    private string Truncate(string value)
    {
        if (!Flags.HasPrecision)
            return value;
        var runes = value.EnumerateRunes().Take(Flags.Precision + 1).ToList();
        return runes.Count <= Flags.Precision ? value : string.Concat(runes.Take(Flags.Precision));
    }

    private static string RuneText(long value) =>
        value is >= 0 and <= 0x10FFFF && System.Text.Rune.IsValid((int)value) ? char.ConvertFromUtf32((int)value) : "\uFFFD";

    private static string ToRadix(ulong value, int radix, bool upper)
    {
        var digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        var sb = new StringBuilder();
        while (value > 0)
        {
            sb.Insert(0, digits[(int)(value % (ulong)radix)]);
            value /= (ulong)radix;
        }
        return sb.ToString();
    }

    private void PadString(string text) => Pad(text);

    /// <summary>fmt.pad: width counts runes; '0' pads on the left when the zero flag is set.</summary>
    private void Pad(string text, bool? zero = null)
    {
        if (!Flags.HasWidth || Flags.Width == 0)
        {
            Output.Append(text);
            return;
        }
        var padding = Flags.Width - text.EnumerateRunes().Count();
        if (!Flags.Minus)
        {
            WritePadding(padding, zero ?? Flags.Zero);
            Output.Append(text);
        }
        else
        {
            Output.Append(text);
            WritePadding(padding, zero: false);
        }
    }

    private void WritePadding(int count, bool zero)
    {
        if (count > 0)
            Output.Append(zero && !Flags.Minus ? '0' : ' ', count);
    }
}
