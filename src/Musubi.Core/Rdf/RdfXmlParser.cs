using System.Text;
using System.Xml;
using Musubi.Read;

namespace Musubi.Rdf;

/// <summary>
/// A strict RDF/XML parser over <see cref="XmlReader"/> (hand-written: no RDF library on the package mirror) for what
/// DCAT catalogs use: rdf:RDF with rdf:Description and typed node elements, rdf:about / rdf:ID / rdf:nodeID /
/// rdf:resource / rdf:datatype, property attributes, xml:lang and xml:base (inherited), rdf:parseType Resource,
/// Literal and Collection, rdf:li. External entities are never resolved; internal DTD entities are capped.
/// </summary>
public sealed class RdfXmlParser
{
    private const string XmlNs = "http://www.w3.org/XML/1998/namespace";

    private readonly XmlReader _r;
    private readonly RdfGraph _graph;
    private readonly string _blankPrefix;
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private int _blankCounter;

    private RdfXmlParser(XmlReader reader, RdfGraph graph, string blankPrefix)
    {
        _r = reader;
        _graph = graph;
        _blankPrefix = blankPrefix;
    }

    /// <summary>Parses an RDF/XML document from <paramref name="stream"/> (its encoding comes from the XML declaration).</summary>
    public static RdfGraph Parse(Stream stream, Uri? baseUri = null, RdfGraph? graph = null, string blankPrefix = "x")
    {
        EncodingDetector.EnsureRegistered();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Parse, // some RDF/XML declares namespace entities in an internal subset
            XmlResolver = null, // never fetch external entities (XXE)
            MaxCharactersFromEntities = 1_000_000, // no billion laughs
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        graph ??= new RdfGraph();
        using var reader = XmlReader.Create(stream, settings, baseUri?.AbsoluteUri ?? "");
        var p = new RdfXmlParser(reader, graph, blankPrefix);
        try
        {
            p.Document(baseUri);
        }
        catch (XmlException e)
        {
            throw new RdfParseException($"not well-formed XML: {e.Message.Split(" Line ")[0].TrimEnd(',', ' ')}", e.LineNumber, e.LinePosition, e);
        }
        return graph;
    }

    public static RdfGraph Parse(string text, Uri? baseUri = null, RdfGraph? graph = null, string blankPrefix = "x")
    {
        using var ms = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return Parse(ms, baseUri, graph, blankPrefix);
    }

    private void Document(Uri? baseUri)
    {
        if (_r.MoveToContent() != XmlNodeType.Element) throw Error("no root element");
        var scope = new Scope(baseUri, null);
        if (_r.NamespaceURI == RdfNs.Rdf && _r.LocalName == "RDF")
        {
            scope = scope.Enter(_r);
            if (_r.IsEmptyElement) return;
            while (Read())
            {
                if (_r.NodeType == XmlNodeType.Element) NodeElement(scope);
                else if (_r.NodeType == XmlNodeType.EndElement) return;
                else if (IsText && !IsBlankText) throw Error("text directly inside rdf:RDF");
            }
            return;
        }
        NodeElement(scope);
    }

    /// <summary>At a node element's start tag; returns its subject after its end tag.</summary>
    private RdfTerm NodeElement(Scope outer)
    {
        var scope = outer.Enter(_r);
        var line = Line;
        string? about = null, id = null, nodeId = null, typeAttr = null;
        var props = new List<(string Predicate, string Value)>();
        if (_r.MoveToFirstAttribute())
        {
            do
            {
                if (IsXmlOrXmlns) continue;
                var name = _r.NamespaceURI + _r.LocalName;
                if (_r.NamespaceURI == RdfNs.Rdf)
                {
                    switch (_r.LocalName)
                    {
                        case "about": about = _r.Value; continue;
                        case "ID": id = _r.Value; continue;
                        case "nodeID": nodeId = _r.Value; continue;
                        case "type": typeAttr = _r.Value; continue;
                        case "resource" or "parseType" or "datatype" or "li" or "aboutEach" or "bagID":
                            throw Error($"rdf:{_r.LocalName} is not allowed on a node element", line);
                    }
                }
                if (_r.NamespaceURI.Length == 0) continue; // unqualified attributes are not RDF
                props.Add((name, _r.Value));
            }
            while (_r.MoveToNextAttribute());
            _r.MoveToElement();
        }
        if ((about is not null ? 1 : 0) + (id is not null ? 1 : 0) + (nodeId is not null ? 1 : 0) > 1)
            throw Error("a node element may have only one of rdf:about, rdf:ID, rdf:nodeID", line);
        var subject = about is not null ? RdfTerm.Iri(scope.Resolve(about))
            : id is not null ? RdfTerm.Iri(scope.Resolve("#" + id))
            : nodeId is not null ? Labeled(nodeId)
            : NewBlank();

        if (!(_r.NamespaceURI == RdfNs.Rdf && _r.LocalName == "Description"))
        {
            if (_r.NamespaceURI.Length == 0) throw Error($"element “{_r.LocalName}” has no namespace", line);
            _graph.Add(subject, RdfNs.Type, RdfTerm.Iri(_r.NamespaceURI + _r.LocalName));
        }
        if (typeAttr is not null) _graph.Add(subject, RdfNs.Type, RdfTerm.Iri(scope.Resolve(typeAttr)));
        foreach (var (p, v) in props) _graph.Add(subject, p, RdfTerm.Literal(v, scope.Lang));

        if (_r.IsEmptyElement) return subject;
        var li = 0;
        while (Read())
        {
            if (_r.NodeType == XmlNodeType.Element) PropertyElement(subject, scope, ref li);
            else if (_r.NodeType == XmlNodeType.EndElement) return subject;
            else if (IsText && !IsBlankText) throw Error("text inside a node element (expected property elements)");
        }
        throw Error("unexpected end of document");
    }

    /// <summary>At a property element's start tag; adds its statement and returns after its end tag.</summary>
    private void PropertyElement(RdfTerm subject, Scope outer, ref int li)
    {
        var scope = outer.Enter(_r);
        var line = Line;
        if (_r.NamespaceURI.Length == 0) throw Error($"property element “{_r.LocalName}” has no namespace", line);
        var predicate = _r.NamespaceURI == RdfNs.Rdf && _r.LocalName == "li" ? $"{RdfNs.Rdf}_{++li}" : _r.NamespaceURI + _r.LocalName;
        string? resource = null, nodeId = null, datatype = null, parseType = null;
        var props = new List<(string Predicate, string Value)>();
        if (_r.MoveToFirstAttribute())
        {
            do
            {
                if (IsXmlOrXmlns) continue;
                if (_r.NamespaceURI == RdfNs.Rdf)
                {
                    switch (_r.LocalName)
                    {
                        case "resource": resource = _r.Value; continue;
                        case "nodeID": nodeId = _r.Value; continue;
                        case "datatype": datatype = _r.Value; continue;
                        case "parseType": parseType = _r.Value; continue;
                        case "ID": continue; // reification of the statement: not needed for catalogs
                        case "about":
                            throw Error("rdf:about is not allowed on a property element (missing node element?)", line);
                    }
                }
                if (_r.NamespaceURI.Length == 0) continue;
                props.Add((_r.NamespaceURI + _r.LocalName, _r.Value));
            }
            while (_r.MoveToNextAttribute());
            _r.MoveToElement();
        }

        if (parseType is not null)
        {
            switch (parseType)
            {
                case "Resource":
                    var node = NewBlank();
                    _graph.Add(subject, predicate, node);
                    if (_r.IsEmptyElement) return;
                    var innerLi = 0;
                    while (Read())
                    {
                        if (_r.NodeType == XmlNodeType.Element) PropertyElement(node, scope, ref innerLi);
                        else if (_r.NodeType == XmlNodeType.EndElement) return;
                        else if (IsText && !IsBlankText) throw Error("text inside rdf:parseType=\"Resource\"");
                    }
                    throw Error("unexpected end of document");
                case "Collection":
                    var items = new List<RdfTerm>();
                    if (!_r.IsEmptyElement)
                    {
                        while (Read())
                        {
                            if (_r.NodeType == XmlNodeType.Element) items.Add(NodeElement(scope));
                            else if (_r.NodeType == XmlNodeType.EndElement) break;
                        }
                    }
                    _graph.Add(subject, predicate, List(items));
                    return;
                default: // "Literal" and unknown parse types are XML literals
                    if (_r.IsEmptyElement)
                    {
                        _graph.Add(subject, predicate, RdfTerm.Literal("", datatype: RdfNs.XmlLiteral));
                        return;
                    }
                    _graph.Add(subject, predicate, RdfTerm.Literal(_r.ReadInnerXml(), datatype: RdfNs.XmlLiteral));
                    // ReadInnerXml leaves the reader on the node after the end tag: the caller's next Read() must not skip it.
                    _pendingNoRead = true;
                    return;
            }
        }

        if (resource is not null || nodeId is not null)
        {
            var obj = resource is not null ? RdfTerm.Iri(scope.Resolve(resource)) : Labeled(nodeId!);
            _graph.Add(subject, predicate, obj);
            foreach (var (p, v) in props) _graph.Add(obj, p, RdfTerm.Literal(v, scope.Lang));
            SkipToEnd("an element with rdf:resource or rdf:nodeID must be empty");
            return;
        }

        if (_r.IsEmptyElement)
        {
            if (props.Count > 0)
            {
                var node = NewBlank();
                _graph.Add(subject, predicate, node);
                foreach (var (p, v) in props) _graph.Add(node, p, RdfTerm.Literal(v, scope.Lang));
            }
            else _graph.Add(subject, predicate, RdfTerm.Literal("", scope.Lang, datatype is null ? null : scope.Resolve(datatype)));
            return;
        }

        var text = new StringBuilder();
        RdfTerm? nodeObject = null;
        while (Read())
        {
            switch (_r.NodeType)
            {
                case XmlNodeType.Element:
                    if (nodeObject is not null) throw Error("a property element may hold only one node element");
                    if (text.ToString().Trim().Length > 0) throw Error("mixed text and elements in a property element");
                    nodeObject = NodeElement(scope);
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    text.Append(_r.Value);
                    if (nodeObject is not null && _r.Value.Trim().Length > 0) throw Error("mixed text and elements in a property element");
                    break;
                case XmlNodeType.EndElement:
                    if (nodeObject is { } o) _graph.Add(subject, predicate, o);
                    else
                    {
                        var dt = datatype is null ? null : scope.Resolve(datatype);
                        _graph.Add(subject, predicate, RdfTerm.Literal(text.ToString(), dt is null ? scope.Lang : null, dt));
                    }
                    return;
            }
        }
        throw Error("unexpected end of document");
    }

    private bool _pendingNoRead;

    private bool Read()
    {
        if (_pendingNoRead)
        {
            _pendingNoRead = false;
            return !_r.EOF;
        }
        return _r.Read();
    }

    private void SkipToEnd(string message)
    {
        if (_r.IsEmptyElement) return;
        while (Read())
        {
            if (_r.NodeType == XmlNodeType.EndElement) return;
            if (_r.NodeType == XmlNodeType.Element || (IsText && !IsBlankText)) throw Error(message);
        }
    }

    private RdfTerm List(List<RdfTerm> items)
    {
        return _graph.AddList(items, NewBlank);
    }

    private RdfTerm Labeled(string label)
    {
        if (!_labels.TryGetValue(label, out var id)) _labels[label] = id = $"{_blankPrefix}{_labels.Count}_{label}";
        return RdfTerm.Blank(id);
    }

    private RdfTerm NewBlank() => RdfTerm.Blank($"{_blankPrefix}anon{_blankCounter++}");

    private bool IsXmlOrXmlns => _r.NamespaceURI is XmlNs or "http://www.w3.org/2000/xmlns/" || _r.Prefix == "xmlns" || _r.Name == "xmlns";

    private bool IsText => _r.NodeType is XmlNodeType.Text or XmlNodeType.CDATA;

    private bool IsBlankText => string.IsNullOrWhiteSpace(_r.Value);

    private int? Line => _r is IXmlLineInfo li && li.HasLineInfo() ? li.LineNumber : null;

    private RdfParseException Error(string message, int? line = null) => new(message, line ?? Line);

    /// <summary>The inherited xml:base and xml:lang of an element.</summary>
    private sealed record Scope(Uri? Base, string? Lang)
    {
        public Scope Enter(XmlReader r)
        {
            var b = r.GetAttribute("base", XmlNs);
            var l = r.GetAttribute("lang", XmlNs);
            if (b is null && l is null) return this;
            var newBase = Base;
            if (b is not null)
                newBase = Uri.TryCreate(Base, b, out var nb) ? nb : Uri.TryCreate(b, UriKind.Absolute, out var ab) ? ab : Base;
            return new Scope(newBase, l is null ? Lang : l.Length == 0 ? null : l);
        }

        public string Resolve(string iri)
        {
            if (Base is null) return iri;
            if (!iri.StartsWith('/') && !iri.StartsWith('#') && Uri.TryCreate(iri, UriKind.Absolute, out _)) return iri;
            return Uri.TryCreate(Base, iri, out var r) ? r.AbsoluteUri : iri;
        }
    }
}
