namespace Musubi.Issues;

/// <summary>
/// Every issue code Musubi reports, in one list. Titles and severities are data (data/codes/issue-codes.json,
/// <see cref="IssueCatalog"/>): a code's severity is the catalog's, never chosen at the call site. A test holds this
/// list and the catalog equal.
/// </summary>
public static class IssueCode
{
    // ── Reading (notes the readers attach to a table; row 0 means the whole file or sheet) ──
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

    // ── Header, mapping and validation ──
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

    // ── Normalizers (one cell) ──
    /// <summary>fixed: Degrees-minutes-seconds converted to decimal degrees.</summary>
    public const string CoordinateDms = "coordinate-dms";

    /// <summary>fixed: Coordinate written as a plain decimal number.</summary>
    public const string CoordinateFormat = "coordinate-format";

    /// <summary>error: Coordinate outside Japan.</summary>
    public const string CoordinateOutOfRange = "coordinate-out-of-range";

    /// <summary>fixed: Coordinate rounded to 7 decimals.</summary>
    public const string CoordinateRounded = "coordinate-rounded";

    /// <summary>warning: Latitude and longitude were swapped.</summary>
    public const string CoordinatesSwapped = "coordinates-swapped";

    /// <summary>warning: Zero coordinate treated as missing.</summary>
    public const string CoordinatesZero = "coordinates-zero";

    /// <summary>error: Wrong check digit in a corporate number.</summary>
    public const string CorporateNumberCheckDigit = "corporate-number-check-digit";

    /// <summary>fixed: Check digit added to a 12-digit corporate base number.</summary>
    public const string CorporateNumberCheckDigitAdded = "corporate-number-check-digit-added";

    /// <summary>fixed: Corporate number written as 13 ASCII digits.</summary>
    public const string CorporateNumberFormat = "corporate-number-format";

    /// <summary>error: Date before the start of its era.</summary>
    public const string DateBeforeEra = "date-before-era";

    /// <summary>warning: Era year after the end of the era; converted.</summary>
    public const string DateEraOverflow = "date-era-overflow";

    /// <summary>fixed: Excel serial number converted to a date.</summary>
    public const string DateExcelSerial = "date-excel-serial";

    /// <summary>error: Fiscal year is not a date.</summary>
    public const string DateFiscalYear = "date-fiscal-year";

    /// <summary>fixed: Date rewritten as yyyy-MM-dd.</summary>
    public const string DateFormat = "date-format";

    /// <summary>warning: Time of day dropped from a date field.</summary>
    public const string DateTimeDropped = "date-time-dropped";

    /// <summary>fixed: Japanese era date converted to ISO 8601.</summary>
    public const string DateWareki = "date-wareki";

    /// <summary>warning: Year and month only; written as yyyy-MM.</summary>
    public const string DateYearMonth = "date-year-month";

    /// <summary>error: Year only is not a date.</summary>
    public const string DateYearOnly = "date-year-only";

    /// <summary>fixed: Date-time written as ISO 8601.</summary>
    public const string DatetimeFormat = "datetime-format";

    /// <summary>fixed: E-mail address trimmed and written in ASCII.</summary>
    public const string EmailFormat = "email-format";

    /// <summary>error: Not one of the listed values.</summary>
    public const string EnumMismatch = "enum-mismatch";

    /// <summary>fixed: Written as the listed value.</summary>
    public const string EnumNormalized = "enum-normalized";

    /// <summary>fixed: Yes/no value written in the field's form.</summary>
    public const string FlagNormalized = "flag-normalized";

    /// <summary>warning: Partial (△) cannot be written as yes or no.</summary>
    public const string FlagPartial = "flag-partial";

    /// <summary>fixed: Identifier trimmed and written in ASCII.</summary>
    public const string IdFormat = "id-format";

    /// <summary>error: Not a coordinate.</summary>
    public const string InvalidCoordinate = "invalid-coordinate";

    /// <summary>error: Not a corporate number.</summary>
    public const string InvalidCorporateNumber = "invalid-corporate-number";

    /// <summary>error: Not a date.</summary>
    public const string InvalidDate = "invalid-date";

    /// <summary>error: Not a date-time.</summary>
    public const string InvalidDatetime = "invalid-datetime";

    /// <summary>error: Not an e-mail address.</summary>
    public const string InvalidEmail = "invalid-email";

    /// <summary>error: Not a yes/no value.</summary>
    public const string InvalidFlag = "invalid-flag";

    /// <summary>error: Not a local government code.</summary>
    public const string InvalidLgCode = "invalid-lg-code";

    /// <summary>error: Not a number.</summary>
    public const string InvalidNumber = "invalid-number";

    /// <summary>error: Not a telephone number.</summary>
    public const string InvalidPhone = "invalid-phone";

    /// <summary>error: Not a postal code.</summary>
    public const string InvalidPostalCode = "invalid-postal-code";

    /// <summary>error: Not a time of day.</summary>
    public const string InvalidTime = "invalid-time";

    /// <summary>error: Not a town id.</summary>
    public const string InvalidTownId = "invalid-town-id";

    /// <summary>error: Not an absolute http(s) URL.</summary>
    public const string InvalidUri = "invalid-uri";

    /// <summary>error: Not a year.</summary>
    public const string InvalidYear = "invalid-year";

    /// <summary>fixed: Reading written in full-width katakana.</summary>
    public const string KanaConverted = "kana-converted";

    /// <summary>warning: Kanji that look like katakana replaced by katakana.</summary>
    public const string KanaLookalike = "kana-lookalike";

    /// <summary>warning: Reading contains kanji.</summary>
    public const string KanaNotKatakana = "kana-not-katakana";

    /// <summary>error: Wrong check digit in a local government code.</summary>
    public const string LgCodeCheckDigit = "lg-code-check-digit";

    /// <summary>fixed: Check digit added to a five-digit local government code.</summary>
    public const string LgCodeCheckDigitAdded = "lg-code-check-digit-added";

    /// <summary>fixed: Local government code written as six ASCII digits.</summary>
    public const string LgCodeFormat = "lg-code-format";

    /// <summary>fixed: Leading zero of a local government code restored.</summary>
    public const string LgCodeLeadingZero = "lg-code-leading-zero";

    /// <summary>warning: Prefecture number expanded to the prefecture's local government code.</summary>
    public const string LgCodePrefectureExpanded = "lg-code-prefecture-expanded";

    /// <summary>error: Unknown local government code.</summary>
    public const string LgCodeUnknown = "lg-code-unknown";

    /// <summary>fixed: List items separated by ;.</summary>
    public const string ListSeparator = "list-separator";


    /// <summary>warning: Approximate value; qualifier removed.</summary>
    public const string NumberApproximate = "number-approximate";

    /// <summary>fixed: Written as a plain number.</summary>
    public const string NumberFormat = "number-format";

    /// <summary>fixed: Unit removed from a number.</summary>
    public const string NumberUnitRemoved = "number-unit-removed";

    /// <summary>fixed: A note in brackets after a number ("3（うち1台は休止中）") moved out of the value; the message keeps it.</summary>
    public const string NumberNote = "number-note";

    /// <summary>fixed: Telephone number rewritten as 0X-XXXX-XXXX.</summary>
    public const string PhoneFormat = "phone-format";

    /// <summary>warning: Leading zero of a telephone number restored.</summary>
    public const string PhoneLeadingZero = "phone-leading-zero";

    /// <summary>warning: Several telephone numbers in one cell.</summary>
    public const string PhoneMultiple = "phone-multiple";

    /// <summary>fixed: Postal code written as seven digits.</summary>
    public const string PostalCodeFormat = "postal-code-format";

    /// <summary>fixed: Control characters removed.</summary>
    public const string TextControlRemoved = "text-control-removed";

    /// <summary>fixed: Line break inside a cell replaced by a space.</summary>
    public const string TextNewline = "text-newline";

    /// <summary>fixed: Surrounding spaces removed.</summary>
    public const string TextTrimmed = "text-trimmed";

    /// <summary>fixed: Time rewritten as hh:mm.</summary>
    public const string TimeFormat = "time-format";

    /// <summary>fixed: Seconds dropped from a time (hh:mm).</summary>
    public const string TimeSecondsDropped = "time-seconds-dropped";

    /// <summary>fixed: Town id written as seven ASCII digits.</summary>
    public const string TownIdFormat = "town-id-format";

    /// <summary>fixed: Leading zeros of a town id restored.</summary>
    public const string TownIdLeadingZero = "town-id-leading-zero";

    /// <summary>fixed: URL trimmed and written in ASCII.</summary>
    public const string UriFormat = "uri-format";

    /// <summary>warning: Fiscal year written as its starting year.</summary>
    public const string YearFiscal = "year-fiscal";

    /// <summary>fixed: Year written as four digits.</summary>
    public const string YearFormat = "year-format";

    /// <summary>fixed: Japanese era year converted to a western year.</summary>
    public const string YearWareki = "year-wareki";

    // ── Address step (所在地 filled and checked with the base registries) ──

    /// <summary>warning: The address was not found in the local-government registry.</summary>
    public const string AddressNotMatched = "address-not-matched";

    /// <summary>fixed: 所在地 parts filled from 所在地_連結表記.</summary>
    public const string AddressPartsFilled = "address-parts-filled";

    /// <summary>fixed: The prefecture or municipality left out of the address was added.</summary>
    public const string AddressCompleted = "address-completed";

    /// <summary>fixed: 所在地_連結表記 built from the 所在地 parts.</summary>
    public const string AddressJoined = "address-joined";

    /// <summary>warning: The address lies in another municipality than the row's code says.</summary>
    public const string AddressCodeMismatch = "address-code-mismatch";

    /// <summary>warning: The coordinates lie far from the address's town.</summary>
    public const string AddressCoordinatesMismatch = "address-coordinates-mismatch";

    /// <summary>fixed: Missing coordinates filled with the town's representative point.</summary>
    public const string CoordinatesFromTown = "coordinates-from-town";

    /// <summary>fixed: 地方公共団体名 filled from 全国地方公共団体コード.</summary>
    public const string LgNameFilled = "lg-name-filled";

    // ── Correctness (issue 12) ──
    /// <summary>A row holding only identity cells (全国地方公共団体コード, ID, 地方公共団体名): reported and not written.</summary>
    public const string BlankRecord = "blank-record";

    /// <summary>Empty 全国地方公共団体コード filled with the one municipality every address of the file lies in.</summary>
    public const string LgCodeFromAddresses = "lg-code-from-addresses";

    /// <summary>Empty 所在地_全国地方公共団体コード filled from the address the row gives (parts or full).</summary>
    public const string LocatedCodeFilled = "located-code-filled";

    /// <summary>A 所在地_都道府県/市区町村/町字 cell held more than its part (the whole address): split into the parts.</summary>
    public const string AddressPartSplit = "address-part-split";

    /// <summary>所在地_番地以下 (and the same tail of 所在地_連結表記) written with half-width digits and one hyphen.</summary>
    public const string AddressRestNormalized = "address-rest-normalized";

    /// <summary>A yes/no field the source gives as a count (車椅子使用者用トイレ数 2): the flag is derived (count > 0), the count kept.</summary>
    public const string FlagFromCount = "flag-from-count";

    /// <summary>A spelling variant, sub-kind or two-level kind of a listed value written as the listed value (data/codes/value-synonyms.json); the source's detail kept where the standard has a place for it.</summary>
    public const string EnumSynonym = "enum-synonym";
}
