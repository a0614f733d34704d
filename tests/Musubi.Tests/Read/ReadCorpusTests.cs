using System.Text;
using Musubi.Read;
using Musubi.Tests.Support;
using Xunit.Abstractions;

namespace Musubi.Tests.Read;

public sealed class ReadCorpusTests(ITestOutputHelper output)
{
    [SharedFact]
    public void Every_corpus_file_reads_or_throws_InputException()
    {
        var root = Path.Combine(SharedPaths.Corpus!, "raw");
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var sb = new StringBuilder();
        sb.AppendLine("file | format | encoding | sheet | header row | columns | rows | notes");
        foreach (var file in files)
        {
            var rel = Path.GetRelativePath(root, file);
            try
            {
                var tables = TableReader.Open(file);
                foreach (var t in tables)
                {
                    using (t)
                    {
                        var rows = 0;
                        foreach (var r in t.Rows)
                        {
                            Assert.Equal(t.Header.Count, r.Cells.Length);
                            rows++;
                        }
                        var codes = string.Join(",", t.ReadNotes.Select(n => n.Code).Distinct());
                        sb.AppendLine($"{rel} | {t.Format} | {t.Encoding} | {t.Sheet} | {t.HeaderRowNumber} | {t.Header.Count} | {rows} | {codes}");
                        if (Environment.GetEnvironmentVariable("MUSUBI_READ_VERBOSE") is not null)
                        {
                            sb.AppendLine("    preamble: " + string.Join(" / ", t.Preamble));
                            sb.AppendLine("    header: " + string.Join(" | ", t.Header));
                            foreach (var n in t.ReadNotes.Take(8)) sb.AppendLine($"    note {n.Row} {n.Code}: {n.Message}");
                        }
                    }
                }
            }
            catch (InputException e)
            {
                sb.AppendLine($"{rel} | InputException: {e.Message}");
            }
        }
        output.WriteLine(sb.ToString());
        var dump = Environment.GetEnvironmentVariable("MUSUBI_READ_DUMP");
        if (dump is not null) File.WriteAllText(dump, sb.ToString());
    }
}
