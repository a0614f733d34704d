using System.ComponentModel;
using System.Globalization;
using Musubi.Access;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

/// <summary><c>musubi token create NAME</c>: prints the new token once on stdout (only its hash is stored).</summary>
public sealed class TokenCreateCommand : Command<TokenCreateCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("What the token is for, e.g. \"harvest bot\".")]
        public string Name { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings);
        var result = host.Run(host.Get<CreateTokenOperation>(), new CreateTokenRequest(settings.Name), cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        Console.Out.WriteLine(result.Value.Token);
        CliRunner.Stderr.MarkupLine($"token [bold]{Markup.Escape(result.Value.Key)}[/] ({Markup.Escape(result.Value.Name)}) created; it is shown only now. Send it as 'Authorization: Bearer TOKEN'.");
        return CliRunner.Ok;
    }
}

public sealed class TokenListCommand : Command<DataSettings>
{
    public override int Execute(CommandContext context, DataSettings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings);
        var result = host.Run(host.Get<ListTokensOperation>(), new ListTokensRequest(), cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        foreach (var t in result.Value)
        {
            Console.Out.WriteLine(string.Join('\t', t.Key, t.Name, t.Created.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                t.Revoked is { } r ? "revoked " + r.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "active"));
        }
        return CliRunner.Ok;
    }
}

public sealed class TokenRevokeCommand : Command<TokenRevokeCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandArgument(0, "<KEY>")]
        [Description("The token's key (as 'musubi token list' shows it) or the whole token.")]
        public string Key { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings);
        var result = host.Run(host.Get<RevokeTokenOperation>(), new RevokeTokenRequest(settings.Key), cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        CliRunner.Stderr.MarkupLine($"token [bold]{Markup.Escape(result.Value.Key)}[/] ({Markup.Escape(result.Value.Name)}) revoked");
        return CliRunner.Ok;
    }
}

/// <summary><c>musubi admin create NAME</c>: the password from --password-stdin (one line) or typed at a prompt.</summary>
public sealed class AdminCreateCommand : Command<AdminCreateCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The administrator's sign-in name.")]
        public string Name { get; init; } = "";

        [CommandOption("--password-stdin")]
        [Description("Read the password from the first line of stdin (for scripts) instead of asking.")]
        public bool PasswordStdin { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var password = settings.PasswordStdin || Console.IsInputRedirected
            ? Console.In.ReadLine() ?? ""
            : AnsiConsole.Prompt(new TextPrompt<string>($"password for {Markup.Escape(settings.Name)} (at least {Secrets.MinPasswordLength} characters):").Secret());
        using var host = CliHost.Start(settings);
        var result = host.Run(host.Get<CreateAdminOperation>(), new CreateAdminRequest(settings.Name, password), cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        CliRunner.Stderr.MarkupLine($"administrator [bold]{Markup.Escape(result.Value.Name)}[/] created; sign in at /admin/sign-in");
        return CliRunner.Ok;
    }
}

public sealed class AdminListCommand : Command<DataSettings>
{
    public override int Execute(CommandContext context, DataSettings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings);
        var result = host.Run(host.Get<ListAdminsOperation>(), new ListAdminsRequest(), cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        foreach (var a in result.Value) Console.Out.WriteLine($"{a.Name}\t{a.Created.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}");
        return CliRunner.Ok;
    }
}

public sealed class AdminRemoveCommand : Command<AdminRemoveCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandArgument(0, "<NAME>")]
        public string Name { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var host = CliHost.Start(settings);
        var result = host.Run(host.Get<RemoveAdminOperation>(), new RemoveAdminRequest(settings.Name), cancellationToken);
        if (!result.IsOk) return CliRunner.Fail(result.Error);
        CliRunner.Stderr.MarkupLine($"administrator [bold]{Markup.Escape(settings.Name)}[/] removed");
        return CliRunner.Ok;
    }
}
