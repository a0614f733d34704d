namespace Musubi.Rdf;

public enum RdfTermKind
{
    Iri,
    Blank,
    Literal,
}

/// <summary>An RDF term: an IRI, a blank node (document-scoped label) or a literal with an optional language or datatype.</summary>
public readonly record struct RdfTerm(RdfTermKind Kind, string Value, string? Language = null, string? Datatype = null)
{
    public static RdfTerm Iri(string iri) => new(RdfTermKind.Iri, iri);

    public static RdfTerm Blank(string label) => new(RdfTermKind.Blank, label);

    public static RdfTerm Literal(string value, string? language = null, string? datatype = null) =>
        new(RdfTermKind.Literal, value, string.IsNullOrEmpty(language) ? null : language.ToLowerInvariant(), language is { Length: > 0 } ? null : datatype);

    public bool IsIri => Kind == RdfTermKind.Iri;

    public bool IsBlank => Kind == RdfTermKind.Blank;

    public bool IsLiteral => Kind == RdfTermKind.Literal;

    /// <summary>An IRI or blank node: something that can have properties.</summary>
    public bool IsNode => Kind != RdfTermKind.Literal;

    public override string ToString() => Kind switch
    {
        RdfTermKind.Iri => $"<{Value}>",
        RdfTermKind.Blank => $"_:{Value}",
        _ => Language is not null ? $"\"{Value}\"@{Language}" : Datatype is not null ? $"\"{Value}\"^^<{Datatype}>" : $"\"{Value}\"",
    };
}

/// <summary>One statement. The predicate is always an IRI.</summary>
public readonly record struct Triple(RdfTerm Subject, string Predicate, RdfTerm Object);

/// <summary>
/// A small in-memory triple store indexed by subject — enough for reading DCAT catalogs page by page.
/// Capped at <see cref="MaxTriples"/> so that a hostile document cannot take all memory.
/// </summary>
public sealed class RdfGraph
{
    private readonly List<Triple> _triples = [];
    private readonly Dictionary<RdfTerm, List<Triple>> _bySubject = [];
    private readonly HashSet<Triple> _set = [];

    public RdfGraph(int maxTriples = 2_000_000) => MaxTriples = maxTriples;

    public int MaxTriples { get; }

    public int Count => _triples.Count;

    public IReadOnlyList<Triple> Triples => _triples;

    /// <summary>Adds a statement (duplicates are ignored). Throws <see cref="RdfParseException"/> past <see cref="MaxTriples"/>.</summary>
    public void Add(RdfTerm subject, string predicate, RdfTerm obj)
    {
        var t = new Triple(subject, predicate, obj);
        if (!_set.Add(t)) return;
        if (_triples.Count >= MaxTriples) throw new RdfParseException($"more than {MaxTriples:N0} statements; refused");
        _triples.Add(t);
        if (!_bySubject.TryGetValue(subject, out var list)) _bySubject[subject] = list = [];
        list.Add(t);
    }

    /// <summary>
    /// Adds an RDF collection (rdf:first/rdf:rest cells ending in rdf:nil) and returns its head; both the Turtle and the
    /// RDF/XML parser build lists this way, each naming its blank nodes with <paramref name="newBlank"/>.
    /// </summary>
    public RdfTerm AddList(IReadOnlyList<RdfTerm> items, Func<RdfTerm> newBlank)
    {
        if (items.Count == 0) return RdfTerm.Iri(RdfNs.Nil);
        var head = newBlank();
        var cell = head;
        for (var i = 0; i < items.Count; i++)
        {
            Add(cell, RdfNs.First, items[i]);
            var next = i == items.Count - 1 ? RdfTerm.Iri(RdfNs.Nil) : newBlank();
            Add(cell, RdfNs.Rest, next);
            cell = next;
        }
        return head;
    }

    /// <summary>Every statement about <paramref name="subject"/>, in document order.</summary>
    public IReadOnlyList<Triple> About(RdfTerm subject) => _bySubject.TryGetValue(subject, out var list) ? list : [];

    /// <summary>The objects of (<paramref name="subject"/>, <paramref name="predicate"/>, ?).</summary>
    public IEnumerable<RdfTerm> Objects(RdfTerm subject, string predicate)
    {
        foreach (var t in About(subject))
            if (t.Predicate == predicate) yield return t.Object;
    }

    /// <summary>The first object of (<paramref name="subject"/>, <paramref name="predicate"/>, ?), if any.</summary>
    public RdfTerm? Object(RdfTerm subject, string predicate)
    {
        foreach (var t in About(subject))
            if (t.Predicate == predicate) return t.Object;
        return null;
    }

    /// <summary>Subjects that have rdf:type <paramref name="typeIri"/>, in document order.</summary>
    public IEnumerable<RdfTerm> OfType(string typeIri)
    {
        var seen = new HashSet<RdfTerm>();
        foreach (var t in _triples)
            if (t.Predicate == RdfNs.Type && t.Object.IsIri && t.Object.Value == typeIri && seen.Add(t.Subject)) yield return t.Subject;
    }

    public bool HasType(RdfTerm subject, string typeIri)
    {
        foreach (var t in About(subject))
            if (t.Predicate == RdfNs.Type && t.Object.IsIri && t.Object.Value == typeIri) return true;
        return false;
    }

    /// <summary>Statements whose predicate is <paramref name="predicate"/>, in document order.</summary>
    public IEnumerable<Triple> WithPredicate(string predicate)
    {
        foreach (var t in _triples)
            if (t.Predicate == predicate) yield return t;
    }
}

/// <summary>The document is not valid in its RDF syntax (strict: a broken catalog page is reported, not guessed at).</summary>
public sealed class RdfParseException(string message, int? line = null, int? column = null, Exception? inner = null)
    : Exception(line is null ? message : column is null ? $"line {line}: {message}" : $"line {line}, column {column}: {message}", inner)
{
    public int? Line { get; } = line;

    public int? Column { get; } = column;
}

/// <summary>Namespaces and IRIs used by DCAT catalogs.</summary>
public static class RdfNs
{
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Rdfs = "http://www.w3.org/2000/01/rdf-schema#";
    public const string Xsd = "http://www.w3.org/2001/XMLSchema#";
    public const string Dcat = "http://www.w3.org/ns/dcat#";
    public const string Dct = "http://purl.org/dc/terms/";
    public const string Dc = "http://purl.org/dc/elements/1.1/";
    public const string Foaf = "http://xmlns.com/foaf/0.1/";
    public const string Vcard = "http://www.w3.org/2006/vcard/ns#";
    public const string Skos = "http://www.w3.org/2004/02/skos/core#";
    public const string Adms = "http://www.w3.org/ns/adms#";
    public const string Hydra = "http://www.w3.org/ns/hydra/core#";
    public const string Schema = "http://schema.org/";

    public const string Type = Rdf + "type";
    public const string First = Rdf + "first";
    public const string Rest = Rdf + "rest";
    public const string Nil = Rdf + "nil";
    public const string Value = Rdf + "value";
    public const string XmlLiteral = Rdf + "XMLLiteral";
    public const string LangString = Rdf + "langString";
}
