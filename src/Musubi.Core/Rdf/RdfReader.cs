using System.Text;

namespace Musubi.Rdf;

/// <summary>The RDF syntaxes a DCAT catalog comes in.</summary>
public enum RdfSyntax
{
    Turtle,
    RdfXml,
    JsonLd,
}

/// <summary>Reads an RDF file in any of the three syntaxes into one graph.</summary>
public static class RdfReader
{
    /// <summary>
    /// Parses <paramref name="path"/> as <paramref name="syntax"/> into <paramref name="graph"/> (new when null).
    /// <paramref name="blankPrefix"/> keeps blank nodes of different pages apart. Throws <see cref="RdfParseException"/>.
    /// </summary>
    public static RdfGraph ReadFile(string path, RdfSyntax syntax, Uri? baseUri = null, RdfGraph? graph = null, string blankPrefix = "b", List<string>? warnings = null)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        switch (syntax)
        {
            case RdfSyntax.RdfXml:
                return RdfXmlParser.Parse(fs, baseUri, graph, blankPrefix);
            case RdfSyntax.JsonLd:
                return JsonLdParser.Parse(fs, baseUri, graph, blankPrefix, warnings);
            default:
                // Turtle is UTF-8 by definition; decoding the whole text at once keeps multi-byte characters whole.
                string text;
                try
                {
                    using var reader = new StreamReader(fs, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
                    text = reader.ReadToEnd();
                }
                catch (DecoderFallbackException e)
                {
                    throw new RdfParseException($"Turtle must be UTF-8; byte {e.Index} is not valid UTF-8", inner: e);
                }
                return TurtleParser.Parse(text, baseUri, graph, blankPrefix);
        }
    }
}
