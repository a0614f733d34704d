using System.Diagnostics;
using Musubi.Address;
using Musubi.Convert;
using Musubi.Normalize;
using Musubi.Registry;
using Musubi.Schemas;

namespace Musubi.Bench;

/// <summary>`startup FILE`: what a conversion pays before its first row (each step's first use, JIT included).</summary>
internal static class StartupTimer
{
    public static int Run(string file)
    {
        var sw = Stopwatch.StartNew();
        void Lap(string what)
        {
            Console.WriteLine($"{what,-36} {sw.Elapsed.TotalMilliseconds,8:0.0} ms");
            sw.Restart();
        }
        _ = SchemaCatalog.Default.All.Count;
        Lap("schema catalog");
        _ = IssueCatalog.Find("missing-placeholder");
        Lap("issue catalog");
        _ = LocalGovernmentRegistry.Default.IsKnown("111007");
        Lap("local-government registry");
        _ = AddressNormalizer.Create(null);
        Lap("address normalizer (no towns)");
        var temp = Path.GetTempFileName();
        ConvertOperation.Run(new ConvertRequest { InputPath = file, OutputPath = temp });
        Lap("first conversion");
        ConvertOperation.Run(new ConvertRequest { InputPath = file, OutputPath = temp });
        Lap("second conversion");
        File.Delete(temp);
        return 0;
    }
}
