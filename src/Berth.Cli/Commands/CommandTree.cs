using Berth.Cli.Commands.Networks;
using Berth.Cli.Parsing;

namespace Berth.Cli.Commands;

/// <summary>
/// Docker's command layout: the classic top-level commands plus the `container` and `image`
/// management groups holding the same commands under their newer names, and the `network` group.
/// </summary>
internal static class CommandTree
{
    public static void AddAll(CommandGroup root)
    {
        var container = new CommandGroup("container", "Manage containers");
        container.Add(new AttachCommand());
        container.Add(new CpCommand());
        container.Add(new CreateCommand());
        container.Add(new ExecCommand());
        container.Add(new CommitCommand());
        container.Add(new DiffCommand());
        container.Add(new ExportCommand());
        container.Add(new InspectCommand("inspect", InspectCommand.Kind.Container));
        container.Add(new KillCommand());
        container.Add(new LogsCommand());
        container.Add(WithAliases(new PsCommand("ls"), "ps", "list"));
        container.Add(new PauseCommand());
        container.Add(new PortCommand());
        container.Add(new ContainerPruneCommand());
        container.Add(new PauseCommand("unpause"));
        container.Add(new RenameCommand());
        container.Add(new StopCommand("restart", restart: true));
        container.Add(WithAliases(new RmCommand(), "remove"));
        container.Add(new RunCommand());
        container.Add(new StartCommand());
        container.Add(new StopCommand());
        container.Add(new TopCommand());
        container.Add(new UpdateCommand());
        container.Add(new WaitCommand());

        var image = new CommandGroup("image", "Manage images");
        image.Add(new HistoryCommand());
        image.Add(new ImportCommand());
        image.Add(new InspectCommand("inspect", InspectCommand.Kind.Image));
        image.Add(new LoadCommand());
        image.Add(WithAliases(new ImagesCommand("ls"), "list"));
        image.Add(WithAliases(new RmiCommand("rm"), "remove"));
        image.Add(new SaveCommand());
        image.Add(new TagCommand());

        var network = new CommandGroup("network", "Manage networks");
        network.Add(new NetworkConnectCommand());
        network.Add(new NetworkCreateCommand());
        network.Add(new NetworkDisconnectCommand());
        network.Add(new InspectCommand("inspect", InspectCommand.Kind.Network));
        network.Add(WithAliases(new NetworkListCommand(), "list"));
        network.Add(new NetworkPruneCommand());
        network.Add(WithAliases(new NetworkRemoveCommand(), "remove"));

        root.Add(container);
        root.Add(image);
        root.Add(network);
        root.Add(new AttachCommand());
        root.Add(new CpCommand());
        root.Add(new CreateCommand());
        root.Add(new ExecCommand());
        root.Add(new CommitCommand());
        root.Add(new DiffCommand());
        root.Add(new ExportCommand());
        root.Add(new EventsCommand());
        root.Add(new HistoryCommand());
        root.Add(new ImagesCommand());
        root.Add(new ImportCommand());
        root.Add(new InfoCommand());
        root.Add(new InspectCommand());
        root.Add(new KillCommand());
        root.Add(new LoadCommand());
        root.Add(new LogsCommand());
        root.Add(new PauseCommand());
        root.Add(new PauseCommand("unpause"));
        root.Add(new PortCommand());
        root.Add(new PsCommand());
        root.Add(new RenameCommand());
        root.Add(new StopCommand("restart", restart: true));
        root.Add(new RmCommand());
        root.Add(new RmiCommand());
        root.Add(new RunCommand());
        root.Add(new SaveCommand());
        root.Add(new StartCommand());
        root.Add(new StopCommand());
        root.Add(new TagCommand());
        root.Add(new TopCommand());
        root.Add(new UpdateCommand());
        root.Add(new VersionCommand());
        root.Add(new WaitCommand());
    }

    private static T WithAliases<T>(T command, params string[] aliases) where T : CliCommand
    {
        foreach (var alias in aliases) command.Aliases.Add(alias);
        return command;
    }
}
