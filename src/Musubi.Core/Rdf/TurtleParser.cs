using System.Globalization;
using System.Text;

namespace Musubi.Rdf;

/// <summary>
/// A strict Turtle 1.1 parser (no RDF library is served on the package mirror, so this is hand-written): @prefix/@base
/// and SPARQL-style PREFIX/BASE, IRIs with escapes, prefixed names, literals (short and long quotes, escapes, language
/// tags, datatypes, numbers, booleans), blank nodes (_:label, [ … ]), collections ( … ), <c>;</c> <c>,</c> and <c>a</c>.
/// Errors name the line and column. RDF-star and TriG are not supported.
/// </summary>
public sealed class TurtleParser
{
    private readonly string _s;
    private readonly RdfGraph _graph;
    private readonly string _blankPrefix;
    private readonly Dictionary<string, string> _prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private Uri? _base;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private int _blankCounter;

    private TurtleParser(string text, Uri? baseUri, RdfGraph graph, string blankPrefix)
    {
        _s = text;
        _base = baseUri;
        _graph = graph;
        _blankPrefix = blankPrefix;
    }

    /// <summary>Parses <paramref name="text"/> into <paramref name="graph"/> (a new one when null).</summary>
    /// <param name="blankPrefix">Prefix for blank-node labels, so that labels of two documents never meet.</param>
    public static RdfGraph Parse(string text, Uri? baseUri = null, RdfGraph? graph = null, string blankPrefix = "t")
    {
        var p = new TurtleParser(text, baseUri, graph ?? new RdfGraph(), blankPrefix);
        p.Document();
        return p._graph;
    }

    private void Document()
    {
        if (_s.Length > 0 && _s[0] == '\uFEFF') _pos = 1;
        while (true)
        {
            SkipWs();
            if (Eof) return;
            var c = _s[_pos];
            if (c == '@')
            {
                var word = ReadWord(1);
                if (word == "prefix")
                {
                    PrefixDecl();
                    Expect('.');
                }
                else if (word == "base")
                {
                    BaseDecl();
                    Expect('.');
                }
                else throw Error($"unknown directive “@{word}”");
                continue;
            }
            if (IsKeyword("PREFIX"))
            {
                _pos += 6;
                PrefixDecl();
                continue;
            }
            if (IsKeyword("BASE"))
            {
                _pos += 4;
                BaseDecl();
                continue;
            }
            Triples();
            Expect('.');
        }
    }

    private void PrefixDecl()
    {
        SkipWs();
        var start = _pos;
        while (!Eof && _s[_pos] != ':' && !char.IsWhiteSpace(_s[_pos])) _pos++;
        if (Eof || _s[_pos] != ':') throw Error("expected “prefix:” after PREFIX");
        var prefix = _s[start.._pos];
        if (prefix.Length > 0 && !IsPnPrefix(prefix)) throw Error($"invalid prefix name “{prefix}”");
        _pos++;
        SkipWs();
        _prefixes[prefix] = IriRef();
    }

    private void BaseDecl()
    {
        SkipWs();
        var iri = IriRef();
        _base = Uri.TryCreate(iri, UriKind.Absolute, out var b) ? b : throw Error($"base IRI “{iri}” is not absolute");
    }

    private void Triples()
    {
        RdfTerm subject;
        if (Peek == '[')
        {
            subject = BlankNodePropertyList();
            SkipWs();
            if (Peek == '.') return;
            PredicateObjectList(subject);
            return;
        }
        subject = Peek switch
        {
            '<' => RdfTerm.Iri(IriRef()),
            '_' when Next == ':' => BlankLabel(),
            '(' => Collection(),
            _ => RdfTerm.Iri(PrefixedName()),
        };
        PredicateObjectList(subject);
    }

    private void PredicateObjectList(RdfTerm subject)
    {
        while (true)
        {
            SkipWs();
            var predicate = Verb();
            ObjectList(subject, predicate);
            SkipWs();
            if (Peek != ';') return;
            while (Peek == ';')
            {
                _pos++;
                SkipWs();
            }
            if (Eof || Peek is '.' or ']') return;
        }
    }

    private void ObjectList(RdfTerm subject, string predicate)
    {
        while (true)
        {
            SkipWs();
            _graph.Add(subject, predicate, Object());
            SkipWs();
            if (Peek != ',') return;
            _pos++;
        }
    }

    private string Verb()
    {
        if (Peek == 'a' && _pos + 1 < _s.Length && (char.IsWhiteSpace(_s[_pos + 1]) || _s[_pos + 1] is '<' or '[' or '"' or '_' or '('))
        {
            _pos++;
            return RdfNs.Type;
        }
        if (Peek == '<') return IriRef();
        if (Eof) throw Error("expected a predicate, found the end of the document");
        return PrefixedName();
    }

    private RdfTerm Object()
    {
        if (Eof) throw Error("expected an object, found the end of the document");
        var c = Peek;
        switch (c)
        {
            case '<':
                if (Next == '<') throw Error("RDF-star quoted triples (<<) are not supported");
                return RdfTerm.Iri(IriRef());
            case '_' when Next == ':':
                return BlankLabel();
            case '[':
                return BlankNodePropertyList();
            case '(':
                return Collection();
            case '"' or '\'':
                return StringLiteral();
        }
        if (c is '+' or '-' or '.' || char.IsAsciiDigit(c)) return NumericLiteral();
        if (MatchBare("true")) return RdfTerm.Literal("true", datatype: RdfNs.Xsd + "boolean");
        if (MatchBare("false")) return RdfTerm.Literal("false", datatype: RdfNs.Xsd + "boolean");
        return RdfTerm.Iri(PrefixedName());
    }

    private RdfTerm BlankNodePropertyList()
    {
        _pos++; // [
        var node = NewBlank();
        SkipWs();
        if (Peek == ']')
        {
            _pos++;
            return node;
        }
        PredicateObjectList(node);
        SkipWs();
        Expect(']');
        return node;
    }

    private RdfTerm Collection()
    {
        _pos++; // (
        var items = new List<RdfTerm>();
        while (true)
        {
            SkipWs();
            if (Eof) throw Error("unclosed collection “(”");
            if (Peek == ')')
            {
                _pos++;
                break;
            }
            items.Add(Object());
        }
        return _graph.AddList(items, NewBlank);
    }

    private RdfTerm BlankLabel()
    {
        _pos += 2; // _:
        var start = _pos;
        while (!Eof && (IsPnChar(_s[_pos]) || _s[_pos] == '.')) _pos++;
        while (_pos > start && _s[_pos - 1] == '.') _pos--;
        if (_pos == start) throw Error("empty blank node label");
        var label = _s[start.._pos];
        if (!_labels.TryGetValue(label, out var id)) _labels[label] = id = $"{_blankPrefix}{_labels.Count}_{label}";
        return RdfTerm.Blank(id);
    }

    private RdfTerm NewBlank() => RdfTerm.Blank($"{_blankPrefix}anon{_blankCounter++}");

    private RdfTerm StringLiteral()
    {
        var quote = _s[_pos];
        var longForm = _pos + 2 < _s.Length && _s[_pos + 1] == quote && _s[_pos + 2] == quote;
        _pos += longForm ? 3 : 1;
        var sb = new StringBuilder();
        while (true)
        {
            if (Eof) throw Error("unterminated string");
            var c = _s[_pos];
            if (longForm)
            {
                if (c == quote && _pos + 2 < _s.Length && _s[_pos + 1] == quote && _s[_pos + 2] == quote)
                {
                    // """a"""" ends after the last three quotes: extra quotes belong to the text.
                    while (_pos + 3 < _s.Length && _s[_pos + 3] == quote)
                    {
                        sb.Append(quote);
                        _pos++;
                    }
                    _pos += 3;
                    break;
                }
                if (c == '\n') NewLine(_pos);
            }
            else
            {
                if (c == quote)
                {
                    _pos++;
                    break;
                }
                if (c is '\n' or '\r') throw Error("line break inside a short string (use \"\"\" for long strings)");
            }
            if (c == '\\')
            {
                sb.Append(Escape(allowEchar: true));
                continue;
            }
            sb.Append(c);
            _pos++;
        }
        var value = sb.ToString();
        if (Peek == '@')
        {
            _pos++;
            var start = _pos;
            while (!Eof && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] == '-')) _pos++;
            var lang = _s[start.._pos];
            if (lang.Length == 0 || !char.IsAsciiLetter(lang[0])) throw Error("invalid language tag");
            return RdfTerm.Literal(value, lang);
        }
        if (Peek == '^' && Next == '^')
        {
            _pos += 2;
            var dt = Peek == '<' ? IriRef() : PrefixedName();
            return RdfTerm.Literal(value, datatype: dt);
        }
        return RdfTerm.Literal(value);
    }

    private RdfTerm NumericLiteral()
    {
        var start = _pos;
        if (Peek is '+' or '-') _pos++;
        var digits = 0;
        while (!Eof && char.IsAsciiDigit(_s[_pos]))
        {
            _pos++;
            digits++;
        }
        var type = "integer";
        if (Peek == '.' && _pos + 1 < _s.Length && char.IsAsciiDigit(_s[_pos + 1]))
        {
            _pos++;
            while (!Eof && char.IsAsciiDigit(_s[_pos]))
            {
                _pos++;
                digits++;
            }
            type = "decimal";
        }
        if (digits == 0) throw Error("expected a number");
        if (Peek is 'e' or 'E')
        {
            _pos++;
            if (Peek is '+' or '-') _pos++;
            var exp = 0;
            while (!Eof && char.IsAsciiDigit(_s[_pos]))
            {
                _pos++;
                exp++;
            }
            if (exp == 0) throw Error("invalid exponent");
            type = "double";
        }
        return RdfTerm.Literal(_s[start.._pos], datatype: RdfNs.Xsd + type);
    }

    private string IriRef()
    {
        if (Peek != '<') throw Error("expected an IRI in <…>");
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (Eof) throw Error("unterminated IRI");
            var c = _s[_pos];
            if (c == '>')
            {
                _pos++;
                break;
            }
            if (c == '\\')
            {
                sb.Append(Escape(allowEchar: false));
                continue;
            }
            if (c <= ' ' || c is '<' or '"' or '{' or '}' or '|' or '^' or '`') throw Error($"character “{(c < ' ' ? $"U+{(int)c:X4}" : c.ToString())}” is not allowed in an IRI");
            sb.Append(c);
            _pos++;
        }
        return Resolve(sb.ToString());
    }

    private string Resolve(string iri)
    {
        if (_base is null) return iri;
        // Absolute IRIs are kept exactly as written so that the same IRI compares equal across documents.
        if (!iri.StartsWith('/') && Uri.TryCreate(iri, UriKind.Absolute, out _)) return iri;
        return Uri.TryCreate(_base, iri, out var r) ? r.AbsoluteUri : iri;
    }

    private string PrefixedName()
    {
        var start = _pos;
        while (!Eof && _s[_pos] != ':' && (IsPnChar(_s[_pos]) || _s[_pos] == '.')) _pos++;
        if (Eof || _s[_pos] != ':')
        {
            var found = Eof ? "the end of the document" : $"“{Snippet(start)}”";
            throw Error($"expected an IRI, prefixed name, blank node or literal; found {found}", start);
        }
        var prefix = _s[start.._pos];
        _pos++;
        if (!_prefixes.TryGetValue(prefix, out var ns)) throw Error($"prefix “{prefix}:” is not declared", start);
        var sb = new StringBuilder();
        while (!Eof)
        {
            var c = _s[_pos];
            if (c == '\\' && _pos + 1 < _s.Length && "_~.-!$&'()*+,;=/?#@%".Contains(_s[_pos + 1]))
            {
                sb.Append(_s[_pos + 1]);
                _pos += 2;
            }
            else if (c == '%' && _pos + 2 < _s.Length && char.IsAsciiHexDigit(_s[_pos + 1]) && char.IsAsciiHexDigit(_s[_pos + 2]))
            {
                sb.Append(_s, _pos, 3);
                _pos += 3;
            }
            else if (IsPnChar(c) || c is ':' or '.') // . may not end the name: given back below
            {
                sb.Append(c);
                _pos++;
            }
            else break;
        }
        while (sb.Length > 0 && sb[^1] == '.')
        {
            sb.Length--;
            _pos--;
        }
        return ns + sb;
    }

    private string Escape(bool allowEchar)
    {
        var c = _pos + 1 < _s.Length ? _s[_pos + 1] : '\0';
        if (c is 'u' or 'U')
        {
            var n = c == 'u' ? 4 : 8;
            if (_pos + 2 + n > _s.Length) throw Error("truncated \\u escape");
            var hex = _s.Substring(_pos + 2, n);
            if (!int.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
                throw Error($"invalid escape \\{c}{hex}");
            _pos += 2 + n;
            return char.ConvertFromUtf32(code);
        }
        if (!allowEchar) throw Error($"invalid escape \\{c} in an IRI");
        _pos += 2;
        return c switch
        {
            't' => "\t",
            'b' => "\b",
            'n' => "\n",
            'r' => "\r",
            'f' => "\f",
            '"' => "\"",
            '\'' => "'",
            '\\' => "\\",
            _ => throw Error($"invalid escape \\{c}", _pos - 2),
        };
    }

    private void SkipWs()
    {
        while (!Eof)
        {
            var c = _s[_pos];
            if (c == '\n')
            {
                NewLine(_pos);
                _pos++;
            }
            else if (c is ' ' or '\t' or '\r' or '\uFEFF') _pos++;
            else if (c == '#')
            {
                while (!Eof && _s[_pos] != '\n') _pos++;
            }
            else return;
        }
    }

    private void NewLine(int at)
    {
        _line++;
        _lineStart = at + 1;
    }

    private void Expect(char c)
    {
        SkipWs();
        if (Eof) throw Error($"expected “{c}”, found the end of the document");
        if (_s[_pos] != c) throw Error($"expected “{c}”, found “{Snippet(_pos)}”");
        _pos++;
    }

    private string ReadWord(int skip)
    {
        _pos += skip;
        var start = _pos;
        while (!Eof && char.IsAsciiLetter(_s[_pos])) _pos++;
        return _s[start.._pos];
    }

    private bool IsKeyword(string word) =>
        string.Compare(_s, _pos, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && _pos + word.Length < _s.Length && char.IsWhiteSpace(_s[_pos + word.Length]);

    private bool MatchBare(string word)
    {
        if (string.CompareOrdinal(_s, _pos, word, 0, word.Length) != 0) return false;
        var end = _pos + word.Length;
        if (end < _s.Length && (IsPnChar(_s[end]) || _s[end] == ':')) return false;
        _pos = end;
        return true;
    }

    private string Snippet(int at)
    {
        var end = at;
        while (end < _s.Length && end - at < 20 && !char.IsWhiteSpace(_s[end])) end++;
        return end == at ? _s[at].ToString() : _s[at..end];
    }

    private bool Eof => _pos >= _s.Length;

    private char Peek => _pos < _s.Length ? _s[_pos] : '\0';

    private char Next => _pos + 1 < _s.Length ? _s[_pos + 1] : '\0';

    private static bool IsPnChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '\u00B7' || char.IsSurrogate(c)
        || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation;

    private static bool IsPnPrefix(string p) => char.IsLetter(p[0]) && !p.EndsWith('.') && p.All(c => IsPnChar(c) || c == '.');

    private RdfParseException Error(string message, int? at = null)
    {
        var pos = at ?? _pos;
        // Column of the position on the current line (the line start is tracked as the parser passes line breaks).
        var lineStart = pos >= _lineStart ? _lineStart : _s.LastIndexOf('\n', Math.Max(0, pos - 1)) + 1;
        var line = pos >= _lineStart ? _line : _s.AsSpan(0, pos).Count('\n') + 1;
        return new RdfParseException(message, line, pos - lineStart + 1);
    }
}
