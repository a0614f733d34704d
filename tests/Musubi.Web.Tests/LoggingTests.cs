using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Musubi.Web.Tests.Support;

namespace Musubi.Web.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task Each_request_is_one_structured_entry_with_path_status_and_elapsed_time_but_no_query()
    {
        var capture = new CaptureProvider();
        await using var server = await TestServer.StartAsync(services: s => s.AddLogging(b => b.AddProvider(capture)));
        using (await server.Http.GetAsync("/en/search?q=secret-address")) { }
        using (await server.Http.GetAsync("/health")) { }

        var entry = await WaitFor(() => capture.Entries.FirstOrDefault(e => e.Category.EndsWith("HttpLoggingMiddleware", StringComparison.Ordinal)
                                                                             && e.State.GetValueOrDefault("Path")?.ToString() == "/en/search"));
        Assert.Equal("GET", entry.State["Method"]);
        Assert.Equal(200, entry.State["StatusCode"]);
        Assert.IsType<double>(entry.State["Duration"]);
        Assert.DoesNotContain(capture.Entries, e => e.Message.Contains("secret-address", StringComparison.Ordinal));
        // Probes are not logged (a load balancer asks every few seconds).
        Assert.DoesNotContain(capture.Entries, e => e.State.GetValueOrDefault("Path")?.ToString() == "/health");
    }

    [Fact]
    public async Task The_console_log_is_json_lines()
    {
        await using var server = await TestServer.StartAsync(o => o with { ConsoleLog = true });
        var console = server.App.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
    }

    private static async Task<T> WaitFor<T>(Func<T?> find) where T : class
    {
        for (var i = 0; i < 50; i++)
        {
            if (find() is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException("the expected log entry was not written");
    }

    private sealed record Entry(string Category, string Message, Dictionary<string, object?> State);

    private sealed class CaptureProvider : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : [];
                entries.Enqueue(new Entry(category, formatter(state, exception), values));
            }
        }
    }
}
