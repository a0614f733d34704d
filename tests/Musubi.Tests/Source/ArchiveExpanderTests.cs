using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Musubi.Source;
using Musubi.Tests.Read;
using Musubi.Tests.Support;

namespace Musubi.Tests.Source;

public sealed class ArchiveExpanderTests : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly TempDir _out = new();

    public void Dispose()
    {
        _temp.Dispose();
        _out.Dispose();
    }

    private string Write(byte[] zip, string name = "archive.zip")
    {
        var path = _temp.File(name);
        File.WriteAllBytes(path, zip);
        return path;
    }

    private static byte[] Zip(Encoding? names, params (string Name, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = names is null ? new ZipArchive(ms, ZipArchiveMode.Create, true) : new ZipArchive(ms, ZipArchiveMode.Create, true, names))
        {
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                s.Write(content);
            }
        }
        return ms.ToArray();
    }

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Each_table_inside_becomes_an_entry_and_other_files_are_left_out()
    {
        var xlsx = XlsxBuilder.Build([("Sheet1", [["名称", "住所"], ["A", "東京都"]])]);
        var path = Write(Zip(null,
            ("data/aed.csv", Csv("名称,住所\nA,東京都\n")),
            ("data/shelter.xlsx", xlsx),
            ("readme.pdf", "%PDF-1.4"u8.ToArray()),
            ("notes.txt", Csv("説明です。\n")),
            ("table.txt", Csv("a\tb\n1\t2\n")),
            ("__MACOSX/data/._aed.csv", [0, 5, 22, 7]),
            (".DS_Store", [0, 0, 0, 1]),
            ("folder/", [])));
        var r = ArchiveExpander.Expand(path, _out.Path);
        Assert.True(r.IsOk, r.Failure?.Message);
        Assert.Equal(["data/aed.csv", "data/shelter.xlsx", "table.txt"], r.Entries.Select(e => e.Name));
        Assert.Equal([MediaKind.Csv, MediaKind.Xlsx, MediaKind.Tsv], r.Entries.Select(e => e.Kind));
        Assert.Equal("名称,住所\nA,東京都\n", File.ReadAllText(r.Entries[0].TempFilePath));
        Assert.All(r.Entries, e => Assert.Equal(_out.Path, Path.GetDirectoryName(e.TempFilePath)));
        Assert.All(r.Entries, e => Assert.Equal(64, e.Sha256.Length));
        r.DeleteTempFiles();
        Assert.Empty(Directory.GetFiles(_out.Path));

        var listed = ArchiveExpander.List(path, _out.Path);
        Assert.Equal(["data/aed.csv", "data/shelter.xlsx", "table.txt"], listed.Entries.Select(e => e.Name));
        Assert.Empty(Directory.GetFiles(_out.Path));
    }

    [Fact]
    public void Names_cannot_escape_and_are_sanitized()
    {
        var path = Write(Zip(null,
            ("../../etc/evil.csv", Csv("a,b\n")),
            ("/abs/path.csv", Csv("a,b\n")),
            ("C:\\windows\\x.csv", Csv("a,b\n")),
            ("ok/./fine..csv", Csv("a,b\n"))));
        var r = ArchiveExpander.Expand(path, _out.Path);
        Assert.True(r.IsOk, r.Failure?.Message);
        Assert.Equal(["etc/evil.csv", "abs/path.csv", "C/windows/x.csv", "ok/fine..csv"], r.Entries.Select(e => e.Name));
        // Extracted files live only in the output folder, under generated names.
        Assert.All(r.Entries, e => Assert.StartsWith(_out.Path + Path.DirectorySeparatorChar, e.TempFilePath));
        Assert.Equal("entry", ArchiveExpander.SanitizeName("../.."));
        Assert.Equal("a/b.csv", ArchiveExpander.SanitizeName("a\u0000/\u0007b.csv"));
    }

    [Fact]
    public void Cp932_names_without_the_utf8_flag_are_decoded()
    {
        var cp932 = Musubi.Read.EncodingDetector.Cp932;
        var path = Write(Zip(cp932, ("避難所一覧/指定緊急避難場所.csv", Csv("名称\nA\n"))));
        var r = ArchiveExpander.Expand(path, _out.Path);
        Assert.True(r.IsOk, r.Failure?.Message);
        Assert.Equal("避難所一覧/指定緊急避難場所.csv", Assert.Single(r.Entries).Name);
    }

    [Fact]
    public void Utf8_names_without_the_flag_are_decoded_too()
    {
        var bytes = Zip(Encoding.UTF8, ("公衆トイレ.csv", Csv("名称\nA\n")));
        ClearUtf8Flag(bytes);
        var r = ArchiveExpander.Expand(Write(bytes), _out.Path);
        Assert.True(r.IsOk, r.Failure?.Message);
        Assert.Equal("公衆トイレ.csv", Assert.Single(r.Entries).Name);
    }

    [Fact]
    public void A_nested_zip_is_opened_one_level_deep()
    {
        var inner2 = Zip(null, ("deepest.csv", Csv("a,b\n")));
        var inner = Zip(null, ("inner.csv", Csv("a,b\n1,2\n")), ("deeper.zip", inner2));
        var path = Write(Zip(null, ("top.csv", Csv("a,b\n")), ("nested.zip", inner)));
        var r = ArchiveExpander.Expand(path, _out.Path);
        Assert.True(r.IsOk, r.Failure?.Message);
        Assert.Equal(["top.csv", "nested.zip/inner.csv"], r.Entries.Select(e => e.Name));
        Assert.Contains(r.Warnings, w => w.Contains("deeper.zip") && w.Contains("nested deeper"));
        r.DeleteTempFiles();
        Assert.Empty(Directory.GetFiles(_out.Path)); // the nested archive's own temporary copy is gone too
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_its_ratio()
    {
        var path = Write(Zip(null, ("zeros.csv", new byte[16 * 1024 * 1024])));
        var r = ArchiveExpander.Expand(path, _out.Path);
        Assert.Equal(ArchiveFailureReason.CompressionRatio, r.Failure?.Reason);
        Assert.Contains("zip bomb", r.Failure!.Message);
        Assert.Empty(r.Entries);
        Assert.Empty(Directory.GetFiles(_out.Path));
    }

    [Fact]
    public void Declared_sizes_are_not_trusted()
    {
        // The central directory says 10 bytes; the data inflates to 16 MiB. The bounded copy stops it.
        var bytes = Zip(null, ("liar.csv", new byte[16 * 1024 * 1024]));
        PatchUncompressedSizes(bytes, 10);
        var r = ArchiveExpander.Expand(Write(bytes), _out.Path, new ArchiveLimits { MaxCompressionRatio = int.MaxValue, MaxEntryBytes = 1024 * 1024 });
        // Either the entry is refused or what was written stays within the cap; never 16 MiB on disk.
        Assert.True(!r.IsOk || r.Entries.All(e => e.Length <= 1024 * 1024 && new FileInfo(e.TempFilePath).Length == e.Length));
        r.DeleteTempFiles();

        // A declared size over the cap refuses the entry before anything is written.
        var big = Zip(null, ("big.csv", Csv("a,b\n")));
        PatchUncompressedSizes(big, 3_000_000_000);
        var refused = ArchiveExpander.Expand(Write(big, "big.zip"), _out.Path);
        Assert.Equal(ArchiveFailureReason.EntryTooLarge, refused.Failure?.Reason);
        Assert.Empty(Directory.GetFiles(_out.Path));
    }

    [Fact]
    public void Per_entry_total_and_count_caps_hold()
    {
        var random = new byte[300_000];
        new Random(7).NextBytes(random);
        var one = Write(Zip(null, ("big.csv", random)), "one.zip");
        Assert.Equal(ArchiveFailureReason.EntryTooLarge, ArchiveExpander.Expand(one, _out.Path, new ArchiveLimits { MaxEntryBytes = 100_000 }).Failure?.Reason);

        var three = Write(Zip(null, ("a.csv", random), ("b.csv", random), ("c.csv", random)), "three.zip");
        Assert.Equal(ArchiveFailureReason.TooLarge, ArchiveExpander.Expand(three, _out.Path, new ArchiveLimits { MaxTotalBytes = 700_000 }).Failure?.Reason);

        var many = Write(Zip(null, [.. Enumerable.Range(0, 20).Select(i => ($"t{i}.csv", Csv("a\n")))]), "many.zip");
        Assert.Equal(ArchiveFailureReason.TooManyEntries, ArchiveExpander.Expand(many, _out.Path, new ArchiveLimits { MaxEntries = 10 }).Failure?.Reason);
        Assert.Equal(ArchiveFailureReason.TooManyEntries, ArchiveExpander.Expand(many, _out.Path, new ArchiveLimits { MaxTables = 5 }).Failure?.Reason);
        Assert.Empty(Directory.GetFiles(_out.Path));
    }

    [Fact]
    public void A_damaged_archive_is_reported()
    {
        var bytes = Zip(null, ("a.csv", Csv("a,b\n")));
        var path = Write(bytes[..(bytes.Length / 2)]);
        var r = ArchiveExpander.Expand(path, _out.Path);
        Assert.Equal(ArchiveFailureReason.Damaged, r.Failure?.Reason);
        Assert.Contains("archive.zip", r.Failure!.Message);
    }

    private static void ClearUtf8Flag(byte[] zip)
    {
        for (var i = 0; i + 4 <= zip.Length; i++)
        {
            var sig = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            var flagAt = sig == 0x04034b50 ? i + 6 : sig == 0x02014b50 ? i + 8 : -1;
            if (flagAt < 0) continue;
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(flagAt));
            BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(flagAt), (ushort)(flags & ~0x0800));
        }
    }

    private static void PatchUncompressedSizes(byte[] zip, uint size)
    {
        for (var i = 0; i + 4 <= zip.Length; i++)
        {
            var sig = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (sig == 0x04034b50) BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), size);
            else if (sig == 0x02014b50) BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), size);
        }
    }
}
