using Musubi.Rdf;
using Musubi.Tests.Support;

namespace Musubi.Tests.Rdf;

/// <summary>The three small RDF parsers on our own documents and on the real DCAT files in ../shared/reference/hub/dcat.</summary>
public sealed class RdfParserTests
{
    private const string Dct = RdfNs.Dct;
    private const string Dcat = RdfNs.Dcat;

    private static string Dcats(string name) => SharedPaths.Get("reference", "hub", "dcat", name);

    private static string One(RdfGraph g, string subject, string predicate) =>
        Assert.Single(g.Objects(RdfTerm.Iri(subject), predicate)).Value;

    [Fact]
    public void Turtle_covers_the_subset_catalogs_use()
    {
        const string ttl = """
            # comment line
            @prefix dcat: <http://www.w3.org/ns/dcat#> .
            @prefix dct: <http://purl.org/dc/terms/> .
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            @base <http://example.org/catalog/> .
            @prefix : <http://example.org/ns#> .

            <ds/1> a dcat:Dataset , dcat:Resource ;
                dct:title "避難所一覧"@ja , "Shelters"@en ;
                dct:description '''長い説明。
            "引用" を含む。'''@ja ;
                dct:identifier "id\t\"1\"\u00e9\U0001F600" ;
                dcat:keyword "防災", "避難" ;
                dct:issued "2024-04-01"^^xsd:date ;
                dcat:byteSize 1234 ; :ratio 1.5 ; :big 1e3 ; :flag true ; :neg -7 ;
                dcat:distribution [ a dcat:Distribution ; dcat:downloadURL <data/1.csv> ] ;
                dct:publisher _:org ;
                :list ( "a" "b" ) ; :empty () ;;
                :local :name.with.dots .
            _:org dct:title "テスト市" .
            [] :anon "x" .
            """;
        var g = TurtleParser.Parse(ttl);
        var ds = RdfTerm.Iri("http://example.org/catalog/ds/1");
        Assert.True(g.HasType(ds, Dcat + "Dataset"));
        Assert.True(g.HasType(ds, Dcat + "Resource"));
        Assert.Contains(g.Objects(ds, Dct + "title"), t => t.Value == "避難所一覧" && t.Language == "ja");
        Assert.Contains(g.Objects(ds, Dct + "title"), t => t.Value == "Shelters" && t.Language == "en");
        Assert.Equal("長い説明。\n\"引用\" を含む。", Assert.Single(g.Objects(ds, Dct + "description")).Value);
        Assert.Equal("id\t\"1\"é😀", Assert.Single(g.Objects(ds, Dct + "identifier")).Value);
        Assert.Equal(["防災", "避難"], g.Objects(ds, Dcat + "keyword").Select(k => k.Value));
        Assert.Equal(RdfNs.Xsd + "date", Assert.Single(g.Objects(ds, Dct + "issued")).Datatype);
        Assert.Equal(RdfNs.Xsd + "integer", Assert.Single(g.Objects(ds, Dcat + "byteSize")).Datatype);
        Assert.Equal(RdfNs.Xsd + "decimal", Assert.Single(g.Objects(ds, "http://example.org/ns#ratio")).Datatype);
        Assert.Equal(RdfNs.Xsd + "double", Assert.Single(g.Objects(ds, "http://example.org/ns#big")).Datatype);
        Assert.Equal("true", Assert.Single(g.Objects(ds, "http://example.org/ns#flag")).Value);
        Assert.Equal("-7", Assert.Single(g.Objects(ds, "http://example.org/ns#neg")).Value);
        var dist = Assert.Single(g.Objects(ds, Dcat + "distribution"));
        Assert.True(dist.IsBlank);
        Assert.Equal("http://example.org/catalog/data/1.csv", Assert.Single(g.Objects(dist, Dcat + "downloadURL")).Value);
        var org = Assert.Single(g.Objects(ds, Dct + "publisher"));
        Assert.Equal("テスト市", Assert.Single(g.Objects(org, Dct + "title")).Value);
        var list = Assert.Single(g.Objects(ds, "http://example.org/ns#list"));
        Assert.Equal("a", Assert.Single(g.Objects(list, RdfNs.First)).Value);
        Assert.Equal(RdfNs.Nil, Assert.Single(g.Objects(ds, "http://example.org/ns#empty")).Value);
        Assert.Equal("http://example.org/ns#name.with.dots", Assert.Single(g.Objects(ds, "http://example.org/ns#local")).Value);
        Assert.Single(g.WithPredicate("http://example.org/ns#anon"));
    }

    [Theory]
    [InlineData("<http://x> <http://p> nope:thing .", 1, "prefix “nope:” is not declared")]
    [InlineData("@prefix a: <http://a#> .\n<http://x> a:p \"unterminated .", 2, "unterminated string")]
    [InlineData("<http://x> <http://p> \"v\"", 1, "expected “.”")]
    [InlineData("<http://x> <http://p> <<http://a> <http://b> <http://c>>> .", 1, "RDF-star")]
    [InlineData("<http://x> <http://p> <http://a b> .", 1, "not allowed in an IRI")]
    public void Turtle_errors_name_the_line(string ttl, int line, string message)
    {
        var e = Assert.Throws<RdfParseException>(() => TurtleParser.Parse(ttl));
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Rdf_xml_covers_descriptions_typed_nodes_and_parse_types()
    {
        const string xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE rdf:RDF [ <!ENTITY xsd "http://www.w3.org/2001/XMLSchema#"> ]>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/"
                     xmlns:dcat="http://www.w3.org/ns/dcat#" xml:base="http://example.org/" xml:lang="ja">
              <dcat:Dataset rdf:about="ds/1" dct:identifier="id-1">
                <dct:title>公衆トイレ一覧</dct:title>
                <dct:title xml:lang="en">Public toilets</dct:title>
                <dct:issued rdf:datatype="&xsd;date">2024-04-01</dct:issued>
                <dct:publisher rdf:nodeID="org"/>
                <dcat:distribution rdf:parseType="Resource">
                  <dcat:downloadURL rdf:resource="files/toilets.csv"/>
                  <dct:format>CSV</dct:format>
                </dcat:distribution>
                <dcat:distribution>
                  <dcat:Distribution rdf:about="#dist2"><dcat:accessURL rdf:resource="http://example.org/api"/></dcat:Distribution>
                </dcat:distribution>
                <dct:description rdf:parseType="Literal"><b>太字</b>の説明</dct:description>
                <dcat:keyword/>
              </dcat:Dataset>
              <rdf:Description rdf:nodeID="org">
                <rdf:type rdf:resource="http://xmlns.com/foaf/0.1/Organization"/>
                <dct:title>テスト町</dct:title>
              </rdf:Description>
            </rdf:RDF>
            """;
        var g = RdfXmlParser.Parse(xml);
        var ds = RdfTerm.Iri("http://example.org/ds/1");
        Assert.True(g.HasType(ds, Dcat + "Dataset"));
        Assert.Equal("id-1", One(g, ds.Value, Dct + "identifier"));
        Assert.Contains(g.Objects(ds, Dct + "title"), t => t.Value == "公衆トイレ一覧" && t.Language == "ja");
        Assert.Contains(g.Objects(ds, Dct + "title"), t => t.Value == "Public toilets" && t.Language == "en");
        Assert.Equal(RdfNs.Xsd + "date", Assert.Single(g.Objects(ds, Dct + "issued")).Datatype);
        var dists = g.Objects(ds, Dcat + "distribution").ToList();
        Assert.Equal(2, dists.Count);
        Assert.Equal("http://example.org/files/toilets.csv", Assert.Single(g.Objects(dists[0], Dcat + "downloadURL")).Value);
        Assert.Equal("http://example.org/#dist2", dists[1].Value);
        Assert.Equal(RdfNs.XmlLiteral, Assert.Single(g.Objects(ds, Dct + "description")).Datatype);
        Assert.Contains("太字", Assert.Single(g.Objects(ds, Dct + "description")).Value);
        var org = Assert.Single(g.Objects(ds, Dct + "publisher"));
        Assert.Equal("テスト町", Assert.Single(g.Objects(org, Dct + "title")).Value);
    }

    [Fact]
    public void Rdf_xml_refuses_external_entities_and_names_the_line_of_broken_xml()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE rdf:RDF [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dct="http://purl.org/dc/terms/">
              <rdf:Description rdf:about="http://x"><dct:title>&secret;</dct:title></rdf:Description>
            </rdf:RDF>
            """;
        var g = RdfXmlParser.Parse(xxe);
        Assert.DoesNotContain(g.Triples, t => t.Object.Value.Contains("root:"));

        var e = Assert.Throws<RdfParseException>(() => RdfXmlParser.Parse("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n<rdf:Description>\n</rdf:RDF>"));
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Json_ld_compacted_and_expanded_forms_give_the_same_statements()
    {
        const string compacted = """
            {
              "@context": {
                "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                "@language": "ja",
                "id": "@id", "type": "@type",
                "title": "dct:title",
                "keyword": {"@id": "dcat:keyword", "@container": "@set"},
                "issued": {"@id": "dct:issued", "@type": "http://www.w3.org/2001/XMLSchema#date"},
                "downloadURL": {"@id": "dcat:downloadURL", "@type": "@id"},
                "label": {"@id": "http://www.w3.org/2000/01/rdf-schema#label", "@container": "@language"}
              },
              "@graph": [{
                "id": "http://example.org/ds/1", "type": "dcat:Dataset",
                "title": "AED設置箇所一覧",
                "keyword": ["AED", "救命"],
                "issued": "2024-04-01",
                "label": {"ja": "AED", "en": "AED list"},
                "dcat:distribution": {"downloadURL": "http://example.org/aed.csv", "dcat:byteSize": 100},
                "dct:publisher": {"@id": "_:org"}
              }, {
                "@id": "_:org", "dct:title": {"@value": "テスト村", "@language": "ja"}
              }]
            }
            """;
        const string expanded = """
            [{
              "@id": "http://example.org/ds/1",
              "@type": ["http://www.w3.org/ns/dcat#Dataset"],
              "http://purl.org/dc/terms/title": [{"@value": "AED設置箇所一覧", "@language": "ja"}],
              "http://www.w3.org/ns/dcat#keyword": [{"@value": "AED", "@language": "ja"}, {"@value": "救命", "@language": "ja"}],
              "http://purl.org/dc/terms/issued": [{"@value": "2024-04-01", "@type": "http://www.w3.org/2001/XMLSchema#date"}],
              "http://www.w3.org/2000/01/rdf-schema#label": [{"@value": "AED", "@language": "ja"}, {"@value": "AED list", "@language": "en"}],
              "http://www.w3.org/ns/dcat#distribution": [{
                "http://www.w3.org/ns/dcat#downloadURL": [{"@id": "http://example.org/aed.csv"}],
                "http://www.w3.org/ns/dcat#byteSize": [{"@value": 100}]
              }],
              "http://purl.org/dc/terms/publisher": [{"@id": "_:org"}]
            }, {
              "@id": "_:org", "http://purl.org/dc/terms/title": [{"@value": "テスト村", "@language": "ja"}]
            }]
            """;
        static List<string> Canon(RdfGraph g) => [.. g.Triples.Select(t => $"{(t.Subject.IsBlank ? "_" : t.Subject.Value)} {t.Predicate} {(t.Object.IsBlank ? "_" : t.Object.ToString())}").Order(StringComparer.Ordinal)];
        var a = JsonLdParser.Parse(compacted);
        var b = JsonLdParser.Parse(expanded);
        Assert.Equal(Canon(b), Canon(a));
        var ds = RdfTerm.Iri("http://example.org/ds/1");
        Assert.Equal("ja", Assert.Single(a.Objects(ds, Dct + "title")).Language);
        Assert.Equal(RdfNs.Xsd + "date", Assert.Single(a.Objects(ds, Dct + "issued")).Datatype);
        var dist = Assert.Single(a.Objects(ds, Dcat + "distribution"));
        Assert.True(Assert.Single(a.Objects(dist, Dcat + "downloadURL")).IsIri);
        Assert.Equal(RdfNs.Xsd + "integer", Assert.Single(a.Objects(dist, Dcat + "byteSize")).Datatype);
    }

    [Fact]
    public void Json_ld_remote_contexts_are_reported_and_broken_json_names_the_line()
    {
        var warnings = new List<string>();
        var g = JsonLdParser.Parse("""{"@context": "https://www.w3.org/ns/dcat.jsonld", "@id": "http://x", "title": "t", "http://purl.org/dc/terms/title": "kept"}""", warnings: warnings);
        Assert.Contains(warnings, w => w.Contains("remote JSON-LD context"));
        Assert.Equal("kept", Assert.Single(g.Triples).Object.Value);

        var e = Assert.Throws<RdfParseException>(() => JsonLdParser.Parse("{\n\"@id\": \"x\",\n\"a\": }"));
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void A_graph_refuses_more_statements_than_its_cap()
    {
        var g = new RdfGraph(maxTriples: 3);
        var e = Assert.Throws<RdfParseException>(() => TurtleParser.Parse("<http://s> <http://p> 1, 2, 3, 4 .", graph: g));
        Assert.Contains("more than 3", e.Message);
    }

    [SharedFact]
    public void Real_turtle_from_datos_gob_es_parses()
    {
        var g = RdfReader.ReadFile(Dcats("ckanext-dcat__dataset_gob_es.ttl"), RdfSyntax.Turtle);
        var ds = Assert.Single(g.OfType(Dcat + "Dataset"));
        Assert.StartsWith("Estudio de Satisfacción", Assert.Single(g.Objects(ds, Dct + "title")).Value);
        Assert.Equal(3, g.Objects(ds, Dcat + "keyword").Count());
        var dist = Assert.Single(g.Objects(ds, Dcat + "distribution"));
        Assert.Equal("43008.0", Assert.Single(g.Objects(dist, Dcat + "byteSize")).Value);
    }

    [SharedFact]
    public void The_real_healthdcat_turtle_with_an_undeclared_prefix_is_rejected_with_its_line()
    {
        // The file uses healthdcatap: without declaring it (N3.js rejects it as well).
        var path = Dcats("ckanext-dcat__dataset.ttl");
        var e = Assert.Throws<RdfParseException>(() => RdfReader.ReadFile(path, RdfSyntax.Turtle));
        Assert.Contains("healthdcatap", e.Message);
        var expectedLine = File.ReadAllLines(path).Select((l, i) => (l, i)).First(x => x.l.Contains("healthdcatap:")).i + 1;
        Assert.Equal(expectedLine, e.Line);
    }

    [SharedFact]
    public void Real_rdf_xml_files_parse()
    {
        var list = RdfReader.ReadFile(Dcats("ckanext-dcat__catalog_datasets_list.rdf"), RdfSyntax.RdfXml);
        Assert.True(list.OfType(Dcat + "Dataset").Count() >= 2);
        var de = RdfReader.ReadFile(Dcats("ckanext-dcat__dataset_gov_de.rdf"), RdfSyntax.RdfXml);
        Assert.Single(de.OfType(Dcat + "Dataset"));
        var se = RdfReader.ReadFile(Dcats("ckanext-dcat__dataset_sweden.rdf"), RdfSyntax.RdfXml);
        Assert.Single(se.OfType(Dcat + "Catalog"));
        Assert.Equal("Linked Nobel prizes", One(se, "http://nobelprize.org/datasets/dcat#ds1", Dct + "title"));
    }

    [SharedFact]
    public void Real_pod_json_ld_parses_with_its_nested_contexts()
    {
        var g = RdfReader.ReadFile(Dcats("ckanext-dcat__catalog_pod.jsonld"), RdfSyntax.JsonLd);
        var datasets = g.OfType(Dcat + "Dataset").ToList();
        Assert.NotEmpty(datasets);
        Assert.Contains(datasets, d => d.Value == "http://www.agency.gov/datasets/widgets-data");
        var widgets = RdfTerm.Iri("http://www.agency.gov/datasets/widgets-data");
        Assert.True(g.Objects(widgets, Dcat + "distribution").Count() >= 3);
    }
}
