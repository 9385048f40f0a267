package org.giggityflix.peer.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * {@code LogCommand} is responsible for {@code peer:log [N]}: the last N log entries of the peer's own bundles
 * (org.giggityflix.*), read from Karaf's rotating log in data/log, without the platform's noise.
 */
@Service
@Command(scope = "peer", name = "log",
        description = "Prints the last N log entries of the peer's bundles (org.giggityflix.*) from data/log/karaf.log "
                + "and the file rotated before it, stack traces included. Karaf's log:display shows everything.")
public class LogCommand implements Action {

    @Argument(index = 0, name = "count", description = "How many entries (default 50)", required = false)
    int count = 50;

    @Option(name = "--level", aliases = "-l", description = "Only entries at this level or above: TRACE, DEBUG, INFO, "
            + "WARN, ERROR")
    @Completion(value = StringsCompleter.class, values = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"})
    String level = "TRACE";

    /** The log folder; tests point it elsewhere. */
    Path logDir = Path.of(System.getProperty("karaf.log", System.getProperty("karaf.data", "data") + "/log"));

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        if (count < 1 || count > 100_000) {
            throw Messages.failure("N must be between 1 and 100000.");
        }
        List<Path> files = List.of(logDir.resolve("karaf.log.1"), logDir.resolve("karaf.log"));
        try {
            List<String> lines = PeerLogLines.tail(files, count, level);
            if (lines.isEmpty()) {
                out.println("No peer log entries in " + logDir.resolve("karaf.log") + ".");
                return;
            }
            lines.forEach(out::println);
        } catch (IOException e) {
            throw Messages.failure("Could not read " + logDir + ": " + e.getMessage());
        }
    }
}
