using System.Globalization;
using System.Text;
using Musubi.Convert;
using Musubi.Read;
using Musubi.Schemas;
using Musubi.Tests.Support;
using Xunit.Abstractions;

namespace Musubi.Tests.Convert;

/// <summary>
/// Converts every real municipal file in ../shared/corpus/raw and checks the detected schema against the
/// dataset named in SOURCES.tsv. Prints a table (and writes docs/corpus-results.md when MUSUBI_UPDATE_DOCS=1).
/// </summary>
[Trait("Category", "Corpus")]
public class ConvertCorpusTests(ITestOutputHelper output)
{
    public sealed record Row(string File, string Expected, string Schema, double Confidence, long Rows, long Errors, long Warnings, long Fixes, string Verdict, string Note,
        long CellsMapped = 0, long CellsTotal = 0);

    [SharedFact]
    public void Every_corpus_file_converts_with_the_right_schema_or_fails_with_a_reason()
    {
        var corpus = SharedPaths.Corpus!;
        var expected = File.ReadAllLines(Path.Combine(corpus, "SOURCES.tsv")).Skip(1)
            .Select(l => l.Split('\t')).Where(c => c.Length > 5)
            .ToDictionary(c => c[0], c => c[5]);
        var titleToId = SchemaCatalog.Default.All.ToDictionary(s => s.Title, s => s.Id);
        var rows = new List<Row>();
        var errorsByFile = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var outDir = Directory.CreateTempSubdirectory("musubi-corpus-");
        try
        {
            foreach (var (relative, dataset) in expected.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var path = Path.Combine(corpus, relative);
                var want = ExpectedId(dataset, titleToId);
                var result = Ops.TryConvert(Ops.Request(path, Path.Combine(outDir.FullName, Path.GetFileNameWithoutExtension(path) + ".csv")));
                if (result.IsOk)
                {
                    var report = result.Value;
                    errorsByFile[relative] = report.Summary.Where(x => x.Severity == Musubi.Issues.Severity.Error).ToDictionary(x => x.Code, x => x.Count);
                    var verdict = want is null ? "no standard schema expected" : report.Schema == want ? "right" : "WRONG";
                    var note = report.Sheet is null ? "" : $"sheet {report.Sheet}";
                    if (report.RequiredFieldsEmpty.Count > 0)
                        note = (note.Length > 0 ? note + "; " : "") + "required empty: " + string.Join(", ", report.RequiredFieldsEmpty.Select(kv => $"{kv.Key} {kv.Value}"));
                    rows.Add(new Row(relative, want ?? "-", report.Schema, report.Confidence, report.RowsWritten, report.Errors, report.Warnings, report.Fixes, verdict,
                        note, report.SourceCellsMapped, report.SourceCellsTotal));
                }
                else
                {
                    rows.Add(new Row(relative, want ?? "-", "-", 0, 0, 0, 0, 0, want is null ? "failed (expected)" : "failed", Reason(result.Error)));
                }
            }
        }
        finally
        {
            outDir.Delete(recursive: true);
        }

        var table = Render(rows, Judgments(errorsByFile));
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable("MUSUBI_UPDATE_DOCS") == "1")
            File.WriteAllText(Path.Combine(SharedPaths.Repo, "docs", "corpus-results.md"), table);

        // Every file either converts or fails with a reason (no exception escapes), and detection is right
        // for the files whose dataset is known; the few misses are listed in docs/corpus-results.md.
        var judged = rows.Where(r => r.Expected != "-").ToList();
        var right = judged.Count(r => r.Verdict == "right");
        Assert.True(right >= judged.Count * 0.9, $"only {right} of {judged.Count} files detected as their dataset");
    }

    /// <summary>The reason without the file name in front ("x.csv, row 3: reason" → "reason").</summary>
    private static string Reason(Musubi.Operations.OperationError error)
    {
        var m = error.Message;
        var i = m.IndexOf(": ", StringComparison.Ordinal);
        return i >= 0 ? m[(i + 2)..] : m;
    }

    private static string? ExpectedId(string dataset, Dictionary<string, string> titleToId)
    {
        if (dataset.Contains("non-standard", StringComparison.Ordinal) || dataset.StartsWith("unknown", StringComparison.Ordinal)) return null;
        if (dataset.Contains("CKAN", StringComparison.Ordinal)) return null;
        var title = dataset.Split([' ', '('], 2)[0];
        if (title == "指定避難所一覧") return "evacuation-site"; // not a separate standard dataset: closest is 指定緊急避難場所一覧
        return titleToId.GetValueOrDefault(title);
    }

    private static string Share(long part, long whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>One hand judgment: a file's reported error code, how many the current converter reports, and whether an expert calls them false.</summary>
    public sealed record Judgment(string File, string Code, long Count, string Verdict, string Why);

    /// <summary>
    /// tests/Musubi.Tests/Convert/corpus-judgments.tsv (file, code, verdict, why): errors of sampled corpus files judged
    /// by hand; the count is the current converter's, so a fixed false error shows 0.
    /// </summary>
    private static List<Judgment> Judgments(Dictionary<string, Dictionary<string, long>> errorsByFile)
    {
        var path = Path.Combine(SharedPaths.Repo, "tests", "Musubi.Tests", "Convert", "corpus-judgments.tsv");
        if (!File.Exists(path)) return [];
        return [.. File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).Where(c => c.Length >= 4)
            .Select(c => new Judgment(c[0], c[1], errorsByFile.GetValueOrDefault(c[0])?.GetValueOrDefault(c[1]) ?? 0, c[2], c[3]))];
    }

    private static string Render(List<Row> rows, List<Judgment> judgments)
    {
        var sb = new StringBuilder();
        var judged = rows.Where(r => r.Expected != "-").ToList();
        sb.AppendLine("# Corpus results");
        sb.AppendLine();
        sb.AppendLine("Every file in `../shared/corpus/raw`, converted by `musubi convert` with no options (detection only).");
        sb.AppendLine("`expected` is the dataset named in `SOURCES.tsv` (`-`: no standard dataset fits, e.g. a CKAN metadata file or a report-style sheet).");
        sb.AppendLine("Generated by the corpus test: `MUSUBI_UPDATE_DOCS=1 dotnet test Musubi.slnx --filter Category=Corpus`.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Detected right: **{judged.Count(r => r.Verdict == "right")} of {judged.Count}** files with a known dataset; {rows.Count(r => r.Verdict.StartsWith("failed", StringComparison.Ordinal))} files failed with a reason.");
        sb.AppendLine();
        // The corpus-quality measure: how much of the source's content reached a standard field (not the extra file).
        var right = rows.Where(r => r.Verdict == "right").ToList();
        long mapped = right.Sum(r => r.CellsMapped), total = right.Sum(r => r.CellsTotal);
        sb.AppendLine(CultureInfo.InvariantCulture, $"Content reaching a standard field: **{Share(mapped, total)}** of the {total:N0} non-blank source cells of the files detected right " +
            $"(per file: `cells`, the report's sourceCellsMapped / sourceCellsTotal; the rest went to the extra-columns file).");
        if (judgments.Count > 0)
        {
            var falseErrors = judgments.Where(j => j.Verdict == "false").Sum(j => j.Count);
            var trueErrors = judgments.Where(j => j.Verdict == "true").Sum(j => j.Count);
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Errors judged by hand ({judgments.Select(j => j.File).Distinct().Count()} files, `tests/Musubi.Tests/Convert/corpus-judgments.tsv`): " +
                $"**{falseErrors}** an expert would call false, {trueErrors} true, with the current converter.");
        }
        sb.AppendLine();
        sb.AppendLine("| file | expected | schema | confidence | rows | errors | warnings | fixes | cells | verdict | note |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.File} | {r.Expected} | {r.Schema} | {r.Confidence:0.00} | {r.Rows} | {r.Errors} | {r.Warnings} | {r.Fixes} | {(r.CellsTotal == 0 ? "-" : Share(r.CellsMapped, r.CellsTotal))} | {r.Verdict} | {r.Note.Replace("|", "\\|", StringComparison.Ordinal)} |");
        if (judgments.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Errors judged by hand");
            sb.AppendLine();
            sb.AppendLine("Reported errors of sampled files, read against the source by hand: `false` = the value is right and the report was wrong (and what fixed it), `true` = really wrong in the source.");
            sb.AppendLine();
            sb.AppendLine("| file | code | count now | verdict | why |");
            sb.AppendLine("|---|---|---|---|---|");
            foreach (var j in judgments)
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {j.File} | {j.Code} | {j.Count} | {j.Verdict} | {j.Why.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }
        return sb.ToString();
    }
}
