using System.IO.Compression;
using System.Security;
using System.Text;

namespace Musubi.Tests.Read;

/// <summary>Writes minimal OOXML workbooks for tests: sheets of cells given as raw <c> XML or plain values.</summary>
internal static class XlsxBuilder
{
    /// <summary>A cell: inline text, a number, or raw XML content (attributes + inner XML) via <see cref="Raw"/>.</summary>
    public static string Text(string s) => $"t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(s)}</t></is>";

    public static string Number(double d) => $"><v>{d.ToString(System.Globalization.CultureInfo.InvariantCulture)}</v>";

    public static string Shared(int index) => $"t=\"s\"><v>{index}</v>";

    /// <summary>Style 1 is a date (numFmt 14), style 2 a time (numFmt 20), style 3 a date-time (numFmt 22).</summary>
    public static string Styled(double d, int style) => $"s=\"{style}\"><v>{d.ToString(System.Globalization.CultureInfo.InvariantCulture)}</v>";

    public static string Bool(bool b) => $"t=\"b\"><v>{(b ? 1 : 0)}</v>";

    /// <summary>One sheet whose sheetData is given as raw XML (rows with any references, however hostile).</summary>
    public static byte[] BuildRaw(string sheetDataXml, IReadOnlyList<string>? sharedStringItems = null) =>
        Build([("Sheet1", [])], sharedStringItems, _ => sheetDataXml);

    public static byte[] Build(IReadOnlyList<(string Name, string?[][] Rows)> sheets, IReadOnlyList<string>? sharedStringItems = null,
        Func<int, string>? rawSheetData = null)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, true))
        {
            void Add(string name, string content)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                w.Write(content);
            }

            var ct = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
            for (var i = 0; i < sheets.Count; i++)
                ct.Append($"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
            ct.Append("</Types>");
            Add("[Content_Types].xml", ct.ToString());
            Add("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");

            var wb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
            var rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            for (var i = 0; i < sheets.Count; i++)
            {
                wb.Append($"<sheet name=\"{SecurityElement.Escape(sheets[i].Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>");
                rels.Append($"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>");
            }
            var n = sheets.Count;
            rels.Append($"<Relationship Id=\"rId{n + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
            rels.Append($"<Relationship Id=\"rId{n + 2}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
            wb.Append("</sheets></workbook>");
            rels.Append("</Relationships>");
            Add("xl/workbook.xml", wb.ToString());
            Add("xl/_rels/workbook.xml.rels", rels.ToString());
            Add("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills>"
                + "<borders count=\"1\"><border/></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                + "<xf numFmtId=\"20\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"22\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>");
            var sst = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
            foreach (var si in sharedStringItems ?? []) sst.Append("<si>").Append(si).Append("</si>");
            sst.Append("</sst>");
            Add("xl/sharedStrings.xml", sst.ToString());

            for (var i = 0; i < sheets.Count; i++)
            {
                var sx = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
                if (rawSheetData is not null) sx.Append(rawSheetData(i));
                var rows = sheets[i].Rows;
                for (var r = 0; r < rows.Length; r++)
                {
                    sx.Append($"<row r=\"{r + 1}\">");
                    for (var c = 0; c < rows[r].Length; c++)
                    {
                        if (rows[r][c] is not { } cell) continue;
                        sx.Append($"<c r=\"{(char)('A' + c)}{r + 1}\" ").Append(cell).Append("</c>");
                    }
                    sx.Append("</row>");
                }
                sx.Append("</sheetData></worksheet>");
                Add($"xl/worksheets/sheet{i + 1}.xml", sx.ToString());
            }
        }
        return ms.ToArray();
    }
}
