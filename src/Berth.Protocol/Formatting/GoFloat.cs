using System.Globalization;
using System.Text;

namespace Berth.Protocol.Formatting;

/// <summary>
/// strconv.FormatFloat for float64 with the 'e', 'E', 'f', 'g' and 'G' formats. Docker's outputs
/// (go-units sizes, template printing, JSON) go through Go's float formatting, whose %g exponent
/// thresholds and two-digit exponents differ from .NET's, so the digits come from .NET (which is
/// IEEE-exact since .NET Core 3.0) and the layout follows Go.
/// </summary>
public static class GoFloat
{
    /// <summary>Formats like strconv.FormatFloat(value, format, precision, 64); precision -1 means shortest.</summary>
    public static string Format(double value, char format, int precision)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsInfinity(value))
            return value > 0 ? "+Inf" : "-Inf";

        var negative = double.IsNegative(value);
        var abs = Math.Abs(value);
        var shortest = precision < 0;
        Digits digits;
        if (shortest)
        {
            digits = ShortestDigits(abs);
            precision = format switch
            {
                'e' or 'E' => Math.Max(digits.Count - 1, 0),
                'f' or 'F' => Math.Max(digits.Count - digits.Point, 0),
                _ => digits.Count,
            };
        }
        else
        {
            switch (format)
            {
                case 'e' or 'E':
                    digits = SignificantDigits(abs, precision + 1);
                    break;
                case 'f' or 'F':
                    digits = FixedDigits(abs, precision);
                    break;
                default:
                    if (precision == 0)
                        precision = 1;
                    digits = SignificantDigits(abs, precision);
                    break;
            }
        }

        var sb = new StringBuilder(24);
        if (negative)
            sb.Append('-');
        switch (format)
        {
            case 'e' or 'E':
                AppendExponent(sb, digits, precision, format);
                break;
            case 'f' or 'F':
                AppendFixed(sb, digits, precision);
                break;
            case 'g' or 'G':
                var exponentThreshold = precision;
                if (exponentThreshold > digits.Count && digits.Count >= digits.Point)
                    exponentThreshold = digits.Count;
                // Shortest formatting decides between %e and %f as if the precision were 6.
                if (shortest)
                    exponentThreshold = 6;
                var exponent = digits.Point - 1;
                if (exponent < -4 || exponent >= exponentThreshold)
                {
                    if (precision > digits.Count)
                        precision = digits.Count;
                    AppendExponent(sb, digits, precision - 1, format == 'g' ? 'e' : 'E');
                }
                else
                {
                    if (precision > digits.Point)
                        precision = digits.Count;
                    AppendFixed(sb, digits, Math.Max(precision - digits.Point, 0));
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "unsupported float format");
        }
        return sb.ToString();
    }

    /// <summary>encoding/json's float64 encoding: %f-like unless the magnitude needs an exponent.</summary>
    public static string FormatJson(double value)
    {
        var abs = Math.Abs(value);
        var format = abs != 0 && (abs < 1e-6 || abs >= 1e21) ? 'e' : 'f';
        var text = Format(value, format, -1);
        if (format == 'e')
        {
            // Go trims "e-09" to "e-9" for JSON.
            var n = text.Length;
            if (n >= 4 && text[n - 4] == 'e' && text[n - 3] == '-' && text[n - 2] == '0')
                text = text[..(n - 2)] + text[n - 1];
        }
        return text;
    }

    /// <summary>Decimal digits without leading/trailing zeros; value = 0.d1d2... × 10^Point.</summary>
    private readonly record struct Digits(string Text, int Point)
    {
        public int Count => Text.Length;
    }

    private static Digits ShortestDigits(double abs) =>
        abs == 0 ? new Digits("", 0) : Parse(abs.ToString("R", CultureInfo.InvariantCulture));

    private static Digits SignificantDigits(double abs, int count) => Round(ExactDigits(abs), count);

    private static Digits FixedDigits(double abs, int decimals)
    {
        var exact = ExactDigits(abs);
        return Round(exact, exact.Point + decimals);
    }

    /// <summary>
    /// The complete decimal expansion of a double (at most 767 significant digits). .NET rounds ties away
    /// from zero when asked for fewer digits, Go rounds them to even, so rounding is done here.
    /// </summary>
    private static Digits ExactDigits(double abs) =>
        abs == 0 ? new Digits("", 0) : Parse(abs.ToString("E780", CultureInfo.InvariantCulture));

    /// <summary>Keeps the first <paramref name="count"/> digits, rounding half to even like strconv's decimal.</summary>
    private static Digits Round(Digits digits, int count)
    {
        if (count < 0 || count >= digits.Count)
            return digits;
        var text = digits.Text;
        bool up;
        if (text[count] == '5' && count + 1 == digits.Count)
            up = count > 0 && (text[count - 1] - '0') % 2 == 1;
        else
            up = text[count] >= '5';
        if (!up)
            return Trim(text[..count], digits.Point);
        for (var i = count - 1; i >= 0; i--)
        {
            if (text[i] < '9')
                return new Digits(text[..i] + (char)(text[i] + 1), digits.Point);
        }
        // All nines: 0.999 rounds to 1.0 with the point moved one place.
        return new Digits("1", digits.Point + 1);
    }

    private static Digits Trim(string text, int point)
    {
        var end = text.Length;
        while (end > 0 && text[end - 1] == '0')
            end--;
        return end == 0 ? new Digits("", 0) : new Digits(text[..end], point);
    }

    /// <summary>Turns .NET's "123.45", "1.5E-05" or "1.230E+006" into digits and a decimal point position.</summary>
    private static Digits Parse(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var integerLength = dot < 0 ? text.Length : dot;
        var all = dot < 0 ? text : text.Remove(dot, 1);
        var point = integerLength + exponent;
        var start = 0;
        while (start < all.Length && all[start] == '0')
        {
            start++;
            point--;
        }
        var end = all.Length;
        while (end > start && all[end - 1] == '0')
            end--;
        return start == end ? new Digits("", 0) : new Digits(all[start..end], point);
    }

    private static void AppendExponent(StringBuilder sb, Digits digits, int precision, char e)
    {
        sb.Append(digits.Count == 0 ? '0' : digits.Text[0]);
        if (precision > 0)
        {
            sb.Append('.');
            var i = 1;
            var m = Math.Min(digits.Count, precision + 1);
            if (i < m)
            {
                sb.Append(digits.Text, i, m - i);
                i = m;
            }
            for (; i <= precision; i++)
                sb.Append('0');
        }
        sb.Append(e);
        var exponent = digits.Count == 0 ? 0 : digits.Point - 1;
        sb.Append(exponent < 0 ? '-' : '+');
        exponent = Math.Abs(exponent);
        if (exponent < 10)
            sb.Append('0');
        sb.Append(exponent.ToString(CultureInfo.InvariantCulture));
    }

    private static void AppendFixed(StringBuilder sb, Digits digits, int precision)
    {
        if (digits.Point > 0)
        {
            var m = Math.Min(digits.Count, digits.Point);
            sb.Append(digits.Text, 0, m);
            for (; m < digits.Point; m++)
                sb.Append('0');
        }
        else
        {
            sb.Append('0');
        }
        if (precision > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= precision; i++)
            {
                var j = digits.Point + i - 1;
                sb.Append(j >= 0 && j < digits.Count ? digits.Text[j] : '0');
            }
        }
    }
}
