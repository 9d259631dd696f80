namespace Berth.Cli.Formatting;

/// <summary>
/// The "natural" order docker sorts names and port lines in (fvbommel/sortorder): runs of digits
/// compare as numbers ("net2" before "net10"), digits sort before other characters, and the rest
/// compares byte by byte.
/// </summary>
internal sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        if (Less(x, y)) return -1;
        return Less(y, x) ? 1 : 0;
    }

    public static bool Less(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            bool da = char.IsAsciiDigit(a[i]), db = char.IsAsciiDigit(b[j]);
            if (da != db) return da;
            if (!da)
            {
                if (a[i] != b[j]) return string.CompareOrdinal(a, i, b, j, 1) < 0;
                i++;
                j++;
                continue;
            }
            // Compare the two numbers: leading zeros aside, the shorter one is smaller.
            while (i < a.Length && a[i] == '0') i++;
            while (j < b.Length && b[j] == '0') j++;
            int startA = i, startB = j;
            while (i < a.Length && char.IsAsciiDigit(a[i])) i++;
            while (j < b.Length && char.IsAsciiDigit(b[j])) j++;
            int lengthA = i - startA, lengthB = j - startB;
            if (lengthA != lengthB) return lengthA < lengthB;
            var digits = string.CompareOrdinal(a, startA, b, startB, lengthA);
            if (digits != 0) return digits < 0;
            // Equal values: fewer leading zeros first.
            if (startA != startB) return startA < startB;
        }
        return a.Length - i < b.Length - j;
    }
}
