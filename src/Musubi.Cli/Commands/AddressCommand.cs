using System.ComponentModel;
using System.Text;
using Musubi.Address;
using Musubi.Store;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

public sealed class AddressCommand : Command<AddressCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandArgument(0, "[TEXT]")]
        [Description("The address to normalize.")]
        public string? Text { get; init; }

        [CommandOption("--csv <FILE>")]
        [Description("Normalize a column of this CSV file (UTF-8 or CP932); one JSON object per row on stdout (JSON Lines).")]
        public string? Csv { get; init; }

        [CommandOption("--column <NAME>")]
        [Description("The address column of --csv.")]
        public string? Column { get; init; }

        [CommandOption("--hint <CODE>")]
        [Description("全国地方公共団体コード used when the prefecture or municipality is omitted.")]
        public string? Hint { get; init; }

        [CommandOption("--hint-column <NAME>")]
        [Description("Column of --csv holding each row's 全国地方公共団体コード (hint).")]
        public string? HintColumn { get; init; }

        [CommandOption("--threads <N>")]
        [Description("Worker threads for --csv (default: all cores).")]
        public int? Threads { get; init; }

        [CommandOption("--db <CONNECTION>")]
        [Description("PostgreSQL connection string of the town store (default: $MUSUBI_DB, else SQLite in the data folder).")]
        public string? Db { get; init; }

        public override ValidationResult Validate()
        {
            if (Csv is null && Text is null) return ValidationResult.Error("give an address, or --csv <file> --column <name>");
            if (Csv is not null && Column is null) return ValidationResult.Error("--csv needs --column <name>");
            if (Csv is not null && Text is not null) return ValidationResult.Error("give either an address or --csv, not both");
            if (Threads is < 1) return ValidationResult.Error("--threads must be at least 1");
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        DataErrors.Guard(() => Run(settings));

    private static int Run(Settings settings)
    {
        var dataDir = DataDirectory.Resolve(settings.Data);
        var normalizer = new AddressNormalizer(Registry.LocalGovernmentRegistry.Default, Registry.TownRegistry.Load(dataDir, settings.Db));
        if (settings.Csv is null)
        {
            Console.Out.WriteLine(AddressJson.Serialize(normalizer.Normalize(settings.Text!, settings.Hint)));
            return CliRunner.Ok;
        }
        if (!File.Exists(settings.Csv)) throw new IOException($"{settings.Csv}: no such file");
        var encoding = AddressCsvBatch.DetectEncoding(settings.Csv);
        var total = AddressCsvBatch.CountRows(settings.Csv, encoding);
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        var threads = settings.Threads ?? Environment.ProcessorCount;
        CliRunner.Stderr.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask("addresses", maxValue: Math.Max(1, total));
            AddressCsvBatch.Run(settings.Csv, settings.Column!, normalizer,
                r => stdout.WriteLine(AddressJson.Serialize(r)),
                done => task.Value = done, threads, settings.HintColumn);
            task.Value = task.MaxValue;
        });
        return CliRunner.Ok;
    }
}
