using System.Text.Json;

namespace Musubi.Rdf;

/// <summary>
/// Turns the JSON-LD that DCAT catalogs publish into triples (hand-written: no RDF library on the package mirror). Handles
/// compacted and expanded forms: inline @context (objects, arrays, nested and scoped per node) with @vocab, @base,
/// @language, prefixes and term definitions (@id, @type coercion to @id/@vocab/a datatype, @language, @container
/// @language/@list/@set), keyword aliases, @id, @type, @value/@language/@type, @graph, @list/@set, nested node objects and
/// arrays. Remote contexts (a URL string) are not fetched: they are reported in <see cref="Warnings"/> and terms they
/// would define are dropped, as JSON-LD drops undefined terms. @reverse, @index and named graphs are not modelled.
/// </summary>
public sealed class JsonLdParser
{
    private readonly RdfGraph _graph;
    private readonly string _blankPrefix;
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private int _blankCounter;

    private JsonLdParser(RdfGraph graph, string blankPrefix)
    {
        _graph = graph;
        _blankPrefix = blankPrefix;
    }

    /// <summary>Remote contexts that were not fetched, and other things left out.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Parses a JSON-LD document. Throws <see cref="RdfParseException"/> when it is not JSON or not JSON-LD-shaped.</summary>
    public static RdfGraph Parse(Stream utf8Json, Uri? baseUri = null, RdfGraph? graph = null, string blankPrefix = "j", List<string>? warnings = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 256, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new RdfParseException($"not valid JSON: {e.Message.Split(" LineNumber")[0]}", (int?)e.LineNumber + 1, (int?)e.BytePositionInLine + 1, e);
        }
        using (doc)
        {
            var p = new JsonLdParser(graph ?? new RdfGraph(), blankPrefix);
            p.Document(doc.RootElement, new Context { Base = baseUri });
            warnings?.AddRange(p.Warnings);
            return p._graph;
        }
    }

    public static RdfGraph Parse(string json, Uri? baseUri = null, RdfGraph? graph = null, string blankPrefix = "j", List<string>? warnings = null)
    {
        using var ms = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return Parse(ms, baseUri, graph, blankPrefix, warnings);
    }

    private void Document(JsonElement root, Context ctx)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in root.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.Object) Node(item, ctx);
                break;
            case JsonValueKind.Object:
                Node(root, ctx);
                break;
            default:
                throw new RdfParseException("a JSON-LD document must be an object or an array");
        }
    }

    /// <summary>A node object: its subject, after adding its statements.</summary>
    private RdfTerm Node(JsonElement obj, Context outer)
    {
        var ctx = outer;
        if (obj.TryGetProperty("@context", out var local)) ctx = ctx.Merge(local, Warnings);

        RdfTerm? subject = null;
        var types = new List<string>();
        JsonElement? graph = null;
        foreach (var prop in obj.EnumerateObject())
        {
            var keyword = ctx.Keyword(prop.Name);
            if (keyword == "@context") continue;
            if (keyword == "@id")
            {
                if (prop.Value.ValueKind == JsonValueKind.String) subject = NodeRef(prop.Value.GetString()!, ctx);
                continue;
            }
            if (keyword == "@graph")
            {
                graph = prop.Value;
                continue;
            }
            if (keyword == "@type")
            {
                foreach (var t in Strings(prop.Value))
                    if (ctx.ExpandIri(t, vocab: true) is { } iri) types.Add(iri);
            }
        }
        subject ??= NewBlank();
        foreach (var t in types) _graph.Add(subject.Value, RdfNs.Type, RdfTerm.Iri(t));

        foreach (var prop in obj.EnumerateObject())
        {
            var keyword = ctx.Keyword(prop.Name);
            if (keyword is not null) continue; // @id, @type, @graph, @context, @index, @reverse, …
            if (ctx.ExpandIri(prop.Name, vocab: true) is not { } predicate || !IsAbsolute(predicate)) continue;
            var term = ctx.Term(prop.Name);
            Value(subject.Value, predicate, prop.Value, term, ctx);
        }

        if (graph is { } g)
        {
            foreach (var item in g.ValueKind == JsonValueKind.Array ? g.EnumerateArray() : Enumerable.Repeat(g, 1))
                if (item.ValueKind == JsonValueKind.Object) Node(item, ctx);
        }
        return subject.Value;
    }

    private void Value(RdfTerm subject, string predicate, JsonElement v, TermDefinition? term, Context ctx)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in v.EnumerateArray()) Value(subject, predicate, item, term, ctx);
                return;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return;
            case JsonValueKind.String:
                var s = v.GetString()!;
                if (term?.Type == "@id")
                {
                    _graph.Add(subject, predicate, NodeRef(s, ctx));
                    return;
                }
                if (term?.Type == "@vocab")
                {
                    _graph.Add(subject, predicate, ctx.ExpandIri(s, vocab: true) is { } vi ? RdfTerm.Iri(vi) : RdfTerm.Literal(s));
                    return;
                }
                if (term?.Type is { } dt && !dt.StartsWith('@'))
                {
                    _graph.Add(subject, predicate, RdfTerm.Literal(s, datatype: ctx.ExpandIri(dt, vocab: true) ?? dt));
                    return;
                }
                _graph.Add(subject, predicate, RdfTerm.Literal(s, term is { LanguageSet: true } ? term.Language : ctx.Language));
                return;
            case JsonValueKind.Number:
                var raw = v.GetRawText();
                var numberType = term?.Type is { } ndt && !ndt.StartsWith('@') ? ctx.ExpandIri(ndt, vocab: true) ?? ndt
                    : raw.IndexOfAny(['.', 'e', 'E']) >= 0 ? RdfNs.Xsd + "double" : RdfNs.Xsd + "integer";
                _graph.Add(subject, predicate, RdfTerm.Literal(raw, datatype: numberType));
                return;
            case JsonValueKind.True or JsonValueKind.False:
                _graph.Add(subject, predicate, RdfTerm.Literal(v.ValueKind == JsonValueKind.True ? "true" : "false", datatype: RdfNs.Xsd + "boolean"));
                return;
            case JsonValueKind.Object:
                break;
            default:
                return;
        }

        // Objects: a value object, a list or set, a language map, or a nested node.
        if (TryGet(v, ctx, "@value", out var value))
        {
            if (value.ValueKind is JsonValueKind.Null) return;
            var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            string? lang = TryGet(v, ctx, "@language", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
            string? type = TryGet(v, ctx, "@type", out var t) && t.ValueKind == JsonValueKind.String ? ctx.ExpandIri(t.GetString()!, vocab: true) : null;
            if (type is null && lang is null && value.ValueKind == JsonValueKind.Number)
                type = text.IndexOfAny(['.', 'e', 'E']) >= 0 ? RdfNs.Xsd + "double" : RdfNs.Xsd + "integer";
            if (type is null && lang is null && value.ValueKind is JsonValueKind.True or JsonValueKind.False) type = RdfNs.Xsd + "boolean";
            _graph.Add(subject, predicate, RdfTerm.Literal(text, lang, type));
            return;
        }
        if (TryGet(v, ctx, "@list", out var list) || TryGet(v, ctx, "@set", out list))
        {
            Value(subject, predicate, list, term, ctx);
            return;
        }
        if (term?.Container == "@language")
        {
            foreach (var p in v.EnumerateObject())
                foreach (var s in Strings(p.Value))
                    _graph.Add(subject, predicate, RdfTerm.Literal(s, p.Name == "@none" ? null : p.Name));
            return;
        }
        _graph.Add(subject, predicate, Node(v, term?.ScopedContext is { } scoped ? ctx.Merge(scoped, Warnings) : ctx));
    }

    private static bool TryGet(JsonElement obj, Context ctx, string keyword, out JsonElement value)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (ctx.Keyword(p.Name) == keyword)
            {
                value = p.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private RdfTerm NodeRef(string id, Context ctx)
    {
        if (id.StartsWith("_:", StringComparison.Ordinal))
        {
            var label = id[2..];
            if (!_labels.TryGetValue(label, out var b)) _labels[label] = b = $"{_blankPrefix}{_labels.Count}_{label}";
            return RdfTerm.Blank(b);
        }
        return RdfTerm.Iri(ctx.ExpandIri(id, vocab: false) ?? id);
    }

    private RdfTerm NewBlank() => RdfTerm.Blank($"{_blankPrefix}anon{_blankCounter++}");

    private static IEnumerable<string> Strings(JsonElement v)
    {
        if (v.ValueKind == JsonValueKind.String) yield return v.GetString()!;
        else if (v.ValueKind == JsonValueKind.Array)
            foreach (var item in v.EnumerateArray())
                if (item.ValueKind == JsonValueKind.String) yield return item.GetString()!;
    }

    private static bool IsAbsolute(string iri)
    {
        var colon = iri.IndexOf(':');
        return colon > 0 && char.IsAsciiLetter(iri[0]);
    }

    /// <summary>One term definition of an active context.</summary>
    private sealed record TermDefinition(string? Id, string? Type, string? Language, bool LanguageSet, string? Container, JsonElement? ScopedContext);

    /// <summary>The active context (immutable: a node's local @context makes a new one).</summary>
    private sealed record Context
    {
        public Dictionary<string, TermDefinition> Terms { get; init; } = new(StringComparer.Ordinal);

        public string? Vocab { get; init; }

        public Uri? Base { get; init; }

        public string? Language { get; init; }

        public Context Merge(JsonElement local, List<string> warnings)
        {
            switch (local.ValueKind)
            {
                case JsonValueKind.Null:
                    return new Context { Base = Base };
                case JsonValueKind.String:
                    warnings.Add($"remote JSON-LD context “{local.GetString()}” is not fetched; terms it defines are ignored");
                    return this;
                case JsonValueKind.Array:
                    var c = this;
                    foreach (var item in local.EnumerateArray()) c = c.Merge(item, warnings);
                    return c;
                case JsonValueKind.Object:
                    break;
                default:
                    return this;
            }
            var terms = new Dictionary<string, TermDefinition>(Terms, StringComparer.Ordinal);
            var vocab = Vocab;
            var baseUri = Base;
            var language = Language;
            foreach (var p in local.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "@vocab":
                        vocab = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
                        continue;
                    case "@base":
                        if (p.Value.ValueKind == JsonValueKind.Null) baseUri = null;
                        else if (p.Value.ValueKind == JsonValueKind.String && Uri.TryCreate(Base, p.Value.GetString(), out var nb)) baseUri = nb;
                        continue;
                    case "@language":
                        language = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
                        continue;
                    case "@version" or "@protected" or "@propagate" or "@import" or "@direction":
                        continue;
                }
                switch (p.Value.ValueKind)
                {
                    case JsonValueKind.Null:
                        terms.Remove(p.Name);
                        break;
                    case JsonValueKind.String:
                        terms[p.Name] = new TermDefinition(p.Value.GetString(), null, null, false, null, null);
                        break;
                    case JsonValueKind.Object:
                        var def = p.Value;
                        string? id = def.TryGetProperty("@id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                        string? type = def.TryGetProperty("@type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                        var langSet = def.TryGetProperty("@language", out var l);
                        string? lang = langSet && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                        string? container = def.TryGetProperty("@container", out var ct)
                            ? ct.ValueKind == JsonValueKind.String ? ct.GetString() : ct.ValueKind == JsonValueKind.Array
                                ? ct.EnumerateArray().Select(x => x.GetString()).FirstOrDefault(x => x is "@language" or "@list" or "@set")
                                : null
                            : null;
                        JsonElement? scoped = def.TryGetProperty("@context", out var sc) ? sc.Clone() : null;
                        terms[p.Name] = new TermDefinition(id, type, lang, langSet, container, scoped);
                        break;
                }
            }
            return new Context { Terms = terms, Vocab = vocab, Base = baseUri, Language = language };
        }

        public TermDefinition? Term(string key) => Terms.TryGetValue(key, out var t) ? t : null;

        /// <summary>The keyword a key stands for (itself, or through an alias such as "id": "@id"), or null.</summary>
        public string? Keyword(string key)
        {
            if (key.StartsWith('@')) return key;
            return Terms.TryGetValue(key, out var t) && t.Id is { } id && id.StartsWith('@') ? id : null;
        }

        /// <summary>Expands a term, compact IRI, absolute IRI or (when not <paramref name="vocab"/>) relative IRI; null when it is undefined.</summary>
        public string? ExpandIri(string value, bool vocab, int depth = 0)
        {
            if (depth > 8 || value.StartsWith('@')) return null;
            if (vocab && Terms.TryGetValue(value, out var term))
            {
                if (term.Id is null) return ExpandCompact(value, depth) ?? (Vocab is null ? null : Vocab + value);
                return term.Id == value ? ExpandCompact(value, depth) ?? value : ExpandIri(term.Id, vocab: true, depth + 1);
            }
            if (ExpandCompact(value, depth) is { } compact) return compact;
            if (vocab) return Vocab is null ? null : Vocab + value;
            if (Base is null) return value;
            return Uri.TryCreate(Base, value, out var r) ? r.AbsoluteUri : value;
        }

        private string? ExpandCompact(string value, int depth)
        {
            var colon = value.IndexOf(':');
            if (colon <= 0) return null;
            var prefix = value[..colon];
            var suffix = value[(colon + 1)..];
            if (prefix == "_") return value;
            if (suffix.StartsWith("//", StringComparison.Ordinal)) return value; // an absolute IRI such as http://…
            if (Terms.TryGetValue(prefix, out var p) && p.Id is { } ns && !ns.StartsWith('@'))
                return (ns == prefix ? ns : ExpandIri(ns, vocab: true, depth + 1) ?? ns) + suffix;
            return char.IsAsciiLetter(prefix[0]) ? value : null; // mailto:, urn:, tel: and other absolute IRIs
        }
    }
}
