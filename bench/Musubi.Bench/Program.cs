using System.Globalization;
using BenchmarkDotNet.Running;
using Musubi.Bench;

// `generate-aed ROWS PATH` writes the messy CP932 benchmark input; anything else goes to BenchmarkDotNet.
if (args.Length == 3 && args[0] == "generate-aed")
{
    AedFileGenerator.Write(args[2], int.Parse(args[1], CultureInfo.InvariantCulture));
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
