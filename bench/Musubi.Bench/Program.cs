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
if (args.Length == 2 && args[0] == "startup") return StartupTimer.Run(args[1]);
if (args.Length is 2 or 3 && args[0] == "read") return ReadTimer.Run(args[1], args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3);
if (args.Length == 2 && args[0] == "sep") return SepFloor.Run(args[1]);
if (args.Length >= 3 && args[0] == "convert") return ConvertTimer.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), !args.Contains("--no-address"));
if (args.Length >= 2 && args[0] == "stages") return StageTimer.Run(args[1..]);
if (args.Length > 0 && args[0] == "address-throughput") return AddressThroughput.Run(args[1..]);
if (args.Length == 4 && args[0] == "harvest-serve") return HarvestBench.Serve(args[1..]);
if (args.Length >= 4 && args[0] == "harvest-add") return HarvestBench.Add(args[1..]);
if (args.Length == 4 && args[0] == "harvest-run") return HarvestBench.Run(args[1..]);
if (args.Length >= 5 && args[0] == "harvest-fetch") return HarvestBench.Fetch(args[1..]);
if (args.Length > 0 && args[0] == "search") return SearchTimer.Run(args[1..]);
if (args.Length > 0 && args[0] == "portal-store") return PortalStore.Run(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
