package no.trinn.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import no.trinn.core.TrinnException;
import no.trinn.scenarios.ScenarioException;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Runs the {@code trinn} command line on given streams, in process: parses the arguments with picocli, runs the
 * command, and turns every outcome into an exit code. Bad usage and bad input ({@link InputException},
 * {@link ScenarioException}) print their message and give {@link #USAGE}; any other failure prints one line (and
 * its stack trace only with {@code --debug}) and gives {@link #SOFTWARE}.
 */
public final class Cli {
    /** Exit code of success. */
    public static final int OK = 0;
    /** Exit code of an unexpected internal error. */
    public static final int SOFTWARE = 1;
    /** Exit code of bad usage or bad input. */
    public static final int USAGE = 2;

    private Cli() {
    }

    /** Runs {@code trinn args...} on {@code io}; returns the exit code. Never throws. */
    public static int run(Io io, String... args) {
        TrinnCommand root = new TrinnCommand(io);
        CommandLine cl = commandLine(root);
        try {
            return cl.execute(args);
        } finally {
            io.out().flush();
            io.err().flush();
        }
    }

    /** The command tree over {@code root}, with its streams, colours and error handling set. */
    static CommandLine commandLine(TrinnCommand root) {
        Io io = root.io();
        CommandLine scenarios = new CommandLine(new ScenariosCommand(root))
                .addSubcommand(new ScenariosCommand.ListCommand(root))
                .addSubcommand(new ScenariosCommand.ShowCommand(root))
                .addSubcommand(new ScenariosCommand.ValidateCommand(root));
        ModelsCommand modelsCommand = new ModelsCommand(root);
        CommandLine models = new CommandLine(modelsCommand)
                .addSubcommand(new ModelsCommand.ListCommand(modelsCommand))
                .addSubcommand(new ModelsCommand.ShowCommand(modelsCommand))
                .addSubcommand(new ModelsCommand.PullCommand(modelsCommand))
                .addSubcommand(new ModelsCommand.VerifyCommand(modelsCommand))
                .addSubcommand(new ModelsCommand.AddCommand(modelsCommand));
        CommandLine client = new CommandLine(new ClientCommand(root))
                .addSubcommand(new ClientCommand.ShowCommand(root))
                .addSubcommand(new ClientCommand.SetCommand(root));
        CommandLine bench = new CommandLine(new BenchCommand(root))
                .addSubcommand(new BenchCommand.TextCommand(root))
                .addSubcommand(new BenchCommand.LlmCommand(root))
                .addSubcommand(new BenchCommand.VoiceCommand(root))
                .addSubcommand(new BenchCommand.RenderCommand(root))
                .addSubcommand(new ConsoleBenchCommand(root));
        CommandLine cl = new CommandLine(root)
                .addSubcommand(new PracticeCommand(root))
                .addSubcommand(scenarios)
                .addSubcommand(models)
                .addSubcommand(new HistoryCommand(root))
                .addSubcommand(client)
                .addSubcommand(bench)
                .addSubcommand(new EvalCommand(root))
                .addSubcommand(new ConsoleCommand(root))
                .addSubcommand(new RenderCommand(root))
                .addSubcommand(new CommandLine.HelpCommand());
        cl.setOut(io.out());
        cl.setErr(io.err());
        boolean colour = io.terminal() && io.variable("NO_COLOR").isEmpty();
        cl.setColorScheme(Help.defaultColorScheme(colour ? Help.Ansi.ON : Help.Ansi.OFF));
        cl.setParameterExceptionHandler(Cli::badUsage);
        cl.setExecutionExceptionHandler((e, command, parsed) -> failure(root, e));
        return cl;
    }

    private static int badUsage(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("trinn: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return USAGE;
    }

    private static int failure(TrinnCommand root, Exception e) {
        PrintWriter err = root.io().err();
        if (e instanceof ScenarioException se && !se.problems().isEmpty()) {
            se.problems().forEach(p -> err.println(p));
            return USAGE;
        }
        if (e instanceof InputException || e instanceof ScenarioException) {
            err.println("trinn: " + e.getMessage());
            return USAGE;
        }
        String what = e instanceof TrinnException ? e.getMessage()
                : "internal error: " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        boolean hint = !(e instanceof TrinnException) && !root.debug();
        err.println("trinn: " + firstLine(what) + (hint ? " (--debug shows the details)" : ""));
        if (root.debug()) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        return SOFTWARE;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl) + " ...";
    }

    /**
     * What a command group (scenarios, models, bench) does when no subcommand is given: names the subcommands on
     * standard error, prints the group's usage there and returns {@link #USAGE}.
     */
    static int missingSubcommand(CommandSpec group, PrintWriter err) {
        List<String> names = group.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
        String list = names.size() < 2 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
        err.println("trinn " + group.name() + ": give a command: " + list);
        group.commandLine().usage(err);
        return USAGE;
    }
}
