using System.ComponentModel;
using System.Text;
using Musubi.Address;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

public sealed class AddressCommand : Command<AddressCommand.Settings>
{
    public sealed class Settings : ReadSettings
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

        public override ValidationResult Validate()
        {
            if (Csv is null && Text is null) return ValidationResult.Error("give an address, or --csv <file> --column <name>");
            if (Csv is not null && Column is null) return ValidationResult.Error("--csv needs --column <name>");
            if (Csv is not null && Text is not null) return ValidationResult.Error("give either an address or --csv, not both");
            if (Threads is < 1) return ValidationResult.Error("--threads must be at least 1");
            return base.Validate();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings);
        if (settings.Csv is null)
        {
            var one = host.Run(host.Get<NormalizeAddressOperation>(), new NormalizeAddressRequest(settings.Text!, settings.Hint), cancellationToken);
            if (!one.IsOk) return CliRunner.Fail(one.Error);
            Console.Out.WriteLine(AddressJson.Serialize(one.Value));
            return CliRunner.Ok;
        }
        var limits = settings.ResolveLimits();
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        var result = default(Musubi.Operations.Result<long>);
        Musubi.Operations.Result<long> Normalize(IProgress<long>? progress) => host.Run(host.Get<NormalizeAddressesOperation>(), new NormalizeAddressesRequest
        {
            InputPath = settings.Csv,
            Column = settings.Column!,
            HintColumn = settings.HintColumn,
            Threads = settings.Threads ?? Environment.ProcessorCount,
            OnResult = r => stdout.WriteLine(AddressJson.Serialize(r.Result)),
            Progress = progress,
            Read = new Musubi.Read.ReadOptions { Limits = limits },
        }, cancellationToken);
        if (Console.IsErrorRedirected)
        {
            result = Normalize(null); // no progress display into a pipe or file
        }
        else
        {
            CliRunner.Stderr.Progress().AutoClear(true).Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ElapsedTimeColumn()).Start(ctx =>
            {
                var task = ctx.AddTask("addresses");
                task.IsIndeterminate = true;
                result = Normalize(new Progress<long>(done => task.Description = $"addresses: {done:N0}"));
                task.StopTask();
            });
        }
        stdout.Flush();
        return result.IsOk ? CliRunner.Ok : CliRunner.Fail(result.Error);
    }
}
