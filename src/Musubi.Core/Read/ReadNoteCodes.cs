namespace Musubi.Read;

/// <summary>Codes used in <see cref="RawTable.ReadNotes"/>. Row 0 means the note is about the whole file or sheet.</summary>
public static class ReadNoteCodes
{
    /// <summary>A row had fewer cells than the header (padded) or extra non-empty cells (dropped).</summary>
    public const string RaggedRow = "ragged-row";

    /// <summary>A footnote row below the data (※…, 注…, 資料：…, a lone cell in a wide table) was cut.</summary>
    public const string FootnoteSkipped = "footnote-skipped";

    /// <summary>Two header rows were combined ("病","床","数" over "一般","療養","計" → "病床数_一般", …).</summary>
    public const string TwoRowHeader = "two-row-header";

    /// <summary>LinkData layout: the #property row is the header; its first (subject) column has no name.</summary>
    public const string LinkData = "linkdata";

    /// <summary>A LinkData metadata row (#object_type_xsd, #property_context) below the header was skipped.</summary>
    public const string LinkDataMetaSkipped = "linkdata-meta-skipped";

    /// <summary>A '#' comment line above the header was moved to the preamble.</summary>
    public const string CommentSkipped = "comment-skipped";

    /// <summary>A header cell had a line break inside; the parts were joined without a space.</summary>
    public const string HeaderNewline = "header-newline";

    /// <summary>Most data rows are wider than the header; unnamed ("") columns were added.</summary>
    public const string HeaderExtended = "header-extended";

    /// <summary>Columns blank in the header and in the first rows were dropped.</summary>
    public const string EmptyColumnsDropped = "empty-columns-dropped";

    /// <summary>A dropped column has a value further down (the value is lost).</summary>
    public const string DroppedColumnValue = "dropped-column-value";

    /// <summary>A column name appears more than once (e.g. two side-by-side blocks on one sheet).</summary>
    public const string DuplicateHeader = "duplicate-header";

    /// <summary>The sheet has merged cells (the value sits in the first cell only).</summary>
    public const string MergedCells = "merged-cells";

    /// <summary>The sheet is hidden or very hidden.</summary>
    public const string HiddenSheet = "hidden-sheet";

    /// <summary>A workbook had another extension (e.g. an XLSX named .csv) and was read as a workbook.</summary>
    public const string RenamedWorkbook = "renamed-workbook";

    /// <summary>A cell longer than 1,000,000 characters was cut.</summary>
    public const string CellTruncated = "cell-truncated";

    /// <summary>A row with more than 16,384 cells was cut.</summary>
    public const string RowTruncated = "row-truncated";

    /// <summary>A '"' inside an unquoted cell was kept as a literal character.</summary>
    public const string StrayQuote = "stray-quote";

    /// <summary>The delimiter is not a comma or tab (semicolon or pipe).</summary>
    public const string Delimiter = "delimiter";

    /// <summary>The UTF-8 text was CP932 mojibake (CP932 bytes read as Latin-1 or Windows-1252); it was read back as CP932.</summary>
    public const string MojibakeRepaired = "mojibake-repaired";
}
