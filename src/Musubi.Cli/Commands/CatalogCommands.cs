using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

/// <summary>The catalog's and harvester's commands, registered in one call from Program.cs.</summary>
public static class CatalogCommands
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("source", source =>
        {
            source.SetDescription("The catalog's harvest sources: add, list, remove.");
            source.AddCommand<SourceAddCommand>("add").WithDescription("Add a source: musubi source add <kind> <url-or-path> [--publisher CODE] [--name NAME] [--schedule daily].")
                .WithExample("source", "add", "ckan", "https://catalog.example.jp/", "--name", "県のカタログ");
            source.AddCommand<SourceListCommand>("list").WithDescription("List the sources.");
            source.AddCommand<SourceRemoveCommand>("remove").WithDescription("Remove a source (its datasets are withdrawn; history kept).");
        });
        config.AddCommand<HarvestCommand>("harvest")
            .WithDescription("Harvest sources: gather their datasets, fetch what changed, convert, publish into the national tables.")
            .WithExample("harvest", "--all");
        config.AddCommand<JobsCommand>("jobs").WithDescription("List harvest jobs (newest first).");
        config.AddBranch("job", job =>
        {
            job.SetDescription("One harvest job.");
            job.AddCommand<JobShowCommand>("show").WithDescription("Show a job and every item with its outcome and reason.");
        });
        config.AddCommand<WorkerCommand>("worker")
            .WithDescription("Run due and interrupted harvest jobs until stopped (SIGTERM gives the running job back cleanly).");
        config.AddCommand<ExportCommand>("export")
            .WithDescription("Write the national table of one standard dataset (every published row, with where it came from).")
            .WithExample("export", "aed", "--out", "aed.csv");
    }
}
