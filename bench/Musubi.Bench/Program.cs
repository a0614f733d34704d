using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "address-throughput") return Musubi.Bench.AddressThroughput.Run(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
