using Berth.Protocol.Formatting;

namespace Berth.Cli.Formatting.Templates;

/// <summary>Scanning of quoted strings, character constants and numbers inside actions.</summary>
internal sealed partial class TemplateLexer
{
    private State LexChar()
    {
        while (true)
        {
            if (_pos >= _input.Length)
                return Error("unterminated character constant");
            var c = _input[_pos++];
            if (c == '\\')
            {
                if (_pos >= _input.Length || _input[_pos] == '\n')
                    return Error("unterminated character constant");
                _pos++;
                continue;
            }
            if (c == '\n')
                return Error("unterminated character constant");
            if (c == '\'')
                break;
        }
        Emit(TokenKind.CharConstant);
        return State.Action;
    }

    private State LexNumber()
    {
        if (!ScanNumber())
            return Error("bad number syntax: " + GoStrings.Quote(_input[_start.._pos]));
        if (_pos < _input.Length && _input[_pos] is '+' or '-')
        {
            // A complex constant such as 1+2i: no spaces, ends in 'i'.
            if (!ScanNumber() || _input[_pos - 1] != 'i')
                return Error("bad number syntax: " + GoStrings.Quote(_input[_start.._pos]));
            Emit(TokenKind.Complex);
            return State.Action;
        }
        Emit(TokenKind.Number);
        return State.Action;
    }

    /// <summary>Go's permissive number scan; the parser rejects what strconv cannot read.</summary>
    private bool ScanNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX"))
                digits = "0123456789abcdefABCDEF_";
            else if (Accept("oO"))
                digits = "01234567_";
            else if (Accept("bB"))
                digits = "01_";
        }
        AcceptRun(digits);
        if (Accept("."))
            AcceptRun(digits);
        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }
        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }
        Accept("i");
        if (_pos < _input.Length && IsAlphaNumeric(RuneAt(_pos, out var width)))
        {
            _pos += width;
            return false;
        }
        return true;
    }

    private State LexQuote()
    {
        while (true)
        {
            if (_pos >= _input.Length)
                return Error("unterminated quoted string");
            var c = _input[_pos++];
            if (c == '\\')
            {
                if (_pos >= _input.Length || _input[_pos] == '\n')
                    return Error("unterminated quoted string");
                _pos++;
                continue;
            }
            if (c == '\n')
                return Error("unterminated quoted string");
            if (c == '"')
                break;
        }
        Emit(TokenKind.String);
        return State.Action;
    }

    private State LexRawQuote()
    {
        var end = _input.IndexOf('`', _pos);
        if (end < 0)
            return Error("unterminated raw quoted string");
        _pos = end + 1;
        Emit(TokenKind.RawString);
        return State.Action;
    }

    private bool Accept(string valid)
    {
        if (_pos < _input.Length && valid.Contains(_input[_pos]))
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void AcceptRun(string valid)
    {
        while (Accept(valid))
        {
        }
    }
}
