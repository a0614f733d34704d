using System.Globalization;
using BenchmarkDotNet.Running;
using Musubi.Bench;

// Whole-process helpers for scripts/bench/*.sh; anything else goes to BenchmarkDotNet.
// `generate-aed ROWS PATH` writes the messy CP932 benchmark input.
if (args.Length == 3 && args[0] == "generate-aed")
{
    AedFileGenerator.Write(args[2], int.Parse(args[1], CultureInfo.InvariantCulture));
    return 0;
}
if (args.Length == 3 && args[0] == "normalize") return NormalizeTimer.Run(args[1], args[2]);
if (args.Length >= 2 && args[0] == "stages") return StageTimer.Run(args[1..]);
if (args.Length > 0 && args[0] == "address-throughput") return AddressThroughput.Run(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
