namespace Musubi.Normalize;

/// <summary>Stable issue codes used by the normalizers; titles and severities are in data/codes/issue-codes.json.</summary>
public static class IssueCodes
{
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

    /// <summary>fixed: Dash placeholder for a missing value left empty.</summary>
    public const string MissingPlaceholder = "missing-placeholder";

    /// <summary>warning: Approximate value; qualifier removed.</summary>
    public const string NumberApproximate = "number-approximate";

    /// <summary>fixed: Written as a plain number.</summary>
    public const string NumberFormat = "number-format";

    /// <summary>fixed: Unit removed from a number.</summary>
    public const string NumberUnitRemoved = "number-unit-removed";

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
}
