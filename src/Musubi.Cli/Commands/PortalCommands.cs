using Spectre.Console.Cli;

namespace Musubi.Cli.Commands;

/// <summary>The portal's commands (serve, demo, token, admin), registered with one line in Program.cs.</summary>
public static class PortalCommands
{
    public static void Add(IConfigurator config)
    {
        config.AddCommand<ServeCommand>("serve")
            .WithDescription("Serve the portal, its API (/api/v1), the CKAN-compatible API (/api/3/action) and DCAT over the store.")
            .WithExample("serve", "--urls", "http://127.0.0.1:5080");
        config.AddCommand<DemoCommand>("demo")
            .WithDescription("Harvest the bundled sample sources (samples/demo) into a fresh embedded store and serve the portal over them.");
        config.AddBranch("token", token =>
        {
            token.SetDescription("API tokens for writes through the API (stored hashed, revocable).");
            token.AddCommand<TokenCreateCommand>("create").WithDescription("Create a token and print it (shown only once).");
            token.AddCommand<TokenListCommand>("list").WithDescription("List tokens: key, name, created, state.");
            token.AddCommand<TokenRevokeCommand>("revoke").WithDescription("Revoke a token by its key.");
        });
        config.AddBranch("admin", admin =>
        {
            admin.SetDescription("Administrators of the web portal (sign in at /admin/sign-in).");
            admin.AddCommand<AdminCreateCommand>("create").WithDescription("Create an administrator (password asked, or --password-stdin).");
            admin.AddCommand<AdminListCommand>("list").WithDescription("List administrators.");
            admin.AddCommand<AdminRemoveCommand>("remove").WithDescription("Remove an administrator.");
        });
    }
}
