using System.Text;
using Musubi.Source;
using Musubi.Tests.Read;
using Musubi.Tests.Support;

namespace Musubi.Tests.Source;

public sealed class MediaSnifferTests : IDisposable
{
    private readonly TempDir _temp = new();

    public void Dispose() => _temp.Dispose();

    private MediaKind SniffFile(byte[] bytes, string name = "x.bin")
    {
        var path = _temp.File(name);
        File.WriteAllBytes(path, bytes);
        return MediaSniffer.Sniff(path);
    }

    private MediaKind SniffText(string text, Encoding? encoding = null) => SniffFile((encoding ?? new UTF8Encoding(false)).GetBytes(text));

    [Theory]
    [InlineData("名称,住所,電話番号\nA,東京都千代田区,03-0000-0000\nB,東京都港区,03-1111-1111\n", MediaKind.Csv)]
    [InlineData("名称\t住所\nA\t東京都\nB\t大阪府\n", MediaKind.Tsv)]
    [InlineData("AED設置場所一覧\n名称,住所\nA,東京都\nB,大阪府\n※注記\n", MediaKind.Csv)]
    [InlineData("\"名称\",\"住所, 番地\"\n\"A\",\"東京都, 1\"\n", MediaKind.Csv)]
    [InlineData("これはただの説明文です。\nデータではありません。\n", MediaKind.Text)]
    [InlineData("<!DOCTYPE html>\n<html lang=\"ja\"><head><title>x</title></head><body></body></html>", MediaKind.Html)]
    [InlineData("<html><body>404</body></html>", MediaKind.Html)]
    [InlineData("<!-- comment -->\n<HTML><BODY>x</BODY></HTML>", MediaKind.Html)]
    [InlineData("{\"success\": true, \"result\": []}", MediaKind.Json)]
    [InlineData("[{\"a\": 1}, {\"a\": 2}]", MediaKind.Json)]
    [InlineData("{\"@context\": {\"dcat\": \"http://www.w3.org/ns/dcat#\"}, \"@id\": \"x\"}", MediaKind.JsonLd)]
    [InlineData("<?xml version=\"1.0\"?>\n<root><a/></root>", MediaKind.Xml)]
    [InlineData("<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"></rdf:RDF>", MediaKind.RdfXml)]
    [InlineData("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<http://x/ds> a dcat:Dataset .", MediaKind.Turtle)]
    [InlineData("# a comment\nPREFIX dct: <http://purl.org/dc/terms/>\n<http://x> dct:title \"t\" .", MediaKind.Turtle)]
    [InlineData("<http://example.org/ds1> <http://purl.org/dc/terms/title> \"t\" .", MediaKind.Turtle)]
    [InlineData("<https://example.org/ds1>\n    a dcat:Dataset .", MediaKind.Turtle)]
    public void Text_kinds_are_told_apart_by_content(string text, MediaKind expected) => Assert.Equal(expected, SniffText(text));

    [Fact]
    public void Cp932_csv_is_csv() =>
        Assert.Equal(MediaKind.Csv, SniffText("名称,住所\n市役所,東京都\n", Musubi.Read.EncodingDetector.Cp932));

    [Fact]
    public void Binary_kinds_are_told_apart_by_magic_and_contents()
    {
        var xlsx = XlsxBuilder.Build([("Sheet1", [["a", "b"], ["1", "2"]])]);
        Assert.Equal(MediaKind.Xlsx, SniffFile(xlsx, "named.csv"));
        var zip = TestWebServer.MakeZip([("a.csv", "x,y\n1,2\n"u8.ToArray())]);
        Assert.Equal(MediaKind.Zip, SniffFile(zip, "a.xlsx"));
        Assert.Equal(MediaKind.Pdf, SniffFile("%PDF-1.7\n%âãÏÓ\n1 0 obj"u8.ToArray()));
        Assert.Equal(MediaKind.Gzip, SniffFile([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 3]));
        Assert.Equal(MediaKind.Unknown, SniffFile([0x00, 0x01, 0x02, 0x03, 0xFF, 0xFE, 0x00, 0x00, 0x10, 0x11]));
        Assert.Equal(MediaKind.Unknown, SniffFile([]));
    }

    [Fact]
    public void An_ole_file_is_xls_only_when_it_holds_a_workbook_stream()
    {
        byte[] Ole(string streamName)
        {
            var b = new byte[4096];
            new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(b, 0);
            Encoding.Unicode.GetBytes(streamName).CopyTo(b, 1024);
            return b;
        }
        Assert.Equal(MediaKind.Xls, SniffFile(Ole("Workbook")));
        Assert.Equal(MediaKind.Xls, SniffFile(Ole("Book\0")));
        Assert.Equal(MediaKind.Unknown, SniffFile(Ole("WordDocument")));
    }

    [Fact]
    public void Bytes_alone_report_zip_and_ole_without_looking_inside()
    {
        Assert.Equal(MediaKind.Zip, MediaSniffer.SniffBytes("PK\x03\x04rest"u8, complete: false));
        Assert.Equal(MediaKind.Xls, MediaSniffer.SniffBytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], complete: false));
        Assert.True(MediaSniffer.IsTable(MediaKind.Csv));
        Assert.False(MediaSniffer.IsTable(MediaKind.Html));
    }
}
