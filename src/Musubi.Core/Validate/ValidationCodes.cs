namespace Musubi.Validate;

/// <summary>Stable issue codes raised by the read, map and validate stages (normalizer codes are in Normalize.IssueCodes). Titles are in data/codes/issue-codes.json.</summary>
public static class ValidationCodes
{
    public const string HeaderBlank = "header-blank";
    public const string HeaderDuplicate = "header-duplicate";
    public const string HeaderNotFirstRow = "header-not-first-row";
    public const string HeaderRenamed = "header-renamed";
    public const string ColumnUnmapped = "column-unmapped";
    public const string RequiredColumnMissing = "required-column-missing";
    public const string RequiredMissing = "required-missing";
    public const string DuplicateId = "duplicate-id";
    public const string DuplicateCheckLimit = "duplicate-check-limit";
    public const string MissingPlaceholder = "missing-placeholder";
    public const string FormulaNeutralized = "formula-neutralized";
    public const string LgCodeFromPublisher = "lg-code-from-publisher";
    public const string NotUtf8 = "encoding-not-utf8";
    public const string CoordinatesSplit = "coordinates-split";
}
