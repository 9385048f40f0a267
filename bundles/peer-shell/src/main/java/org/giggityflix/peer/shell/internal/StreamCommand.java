package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.StreamStats;
import org.giggityflix.peer.api.stream.StreamingTransport;

/**
 * {@code StreamCommand} is responsible for {@code peer:stream}: the sessions every installed streaming transport
 * runs now (list, the default) with what each sends when its transport measures it, and ending one by its id
 * (stop).
 */
@Service
@Command(scope = "peer", name = "stream",
        description = "Lists the streaming sessions of every installed transport (list, the default), with what "
                + "each WebRTC session sends (size, fps, bitrate and the path's estimate, what holds the encoder "
                + "back, RTT, NACK/PLI/lost, direct or relay), or ends one (stop <session>).")
public class StreamCommand implements Action {

    static final String NO_TRANSPORT =
            "No streaming transport is installed: feature:install peer-stream-webrtc (or peer-stream-http).";

    @Reference(optional = true)
    List<StreamingTransport> transports = List.of();

    @Argument(index = 0, name = "action", description = "list or stop", required = false)
    @Completion(value = StringsCompleter.class, values = {"list", "stop"})
    String action = "list";

    @Argument(index = 1, name = "session", description = "the session id to stop (see peer:stream list)",
            required = false)
    String session;

    Clock clock = Clock.systemDefaultZone();

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        List<StreamingTransport> installed = transports == null ? List.of() : new ArrayList<>(transports);
        if (installed.isEmpty()) {
            throw Messages.failure(NO_TRANSPORT);
        }
        switch (action) {
            case "list" -> list(installed, out);
            case "stop" -> stop(installed, out);
            default -> throw Messages.failure("Unknown action '" + action + "': use list or stop <session>");
        }
    }

    private void list(List<StreamingTransport> installed, PrintStream out) {
        ShellTable table = new ShellTable().emptyTableText("No sessions running (transports: "
                + String.join(", ", installed.stream().map(StreamingTransport::name).toList()) + ").");
        table.column("Session");
        table.column("Transport");
        table.column("Luid").alignRight();
        table.column("Running").alignRight();
        table.column("State");
        table.column("Sending");
        for (StreamingTransport transport : installed) {
            for (StreamSession s : transport.sessions()) {
                Duration running = Duration.between(s.started(), clock.instant());
                table.addRow().addContent(s.id(), s.transport(), s.luid(),
                        running.toMinutes() + "m " + running.toSecondsPart() + "s", s.state(),
                        s.stats().map(StreamCommand::sending).orElse("-"));
            }
        }
        table.print(out);
    }

    /**
     * What a session sends, in one line: resolution and frame rate, bitrate and the path's estimate, why the encoder
     * holds back, round trip, what the viewer asked again or lost, and whether a TURN server relays it.
     */
    static String sending(StreamStats s) {
        StringBuilder line = new StringBuilder();
        line.append(s.frameWidth()).append('x').append(s.frameHeight())
                .append(String.format(Locale.ROOT, " %.1f fps, %d kbit/s", s.framesPerSecond(), s.bitrateSentKbps()));
        s.availableOutgoingKbps().ifPresent(kbps -> line.append(" (estimate ").append(kbps).append(')'));
        if (!s.qualityLimitation().isEmpty() && !s.qualityLimitation().equals("none")) {
            line.append(", limited by ").append(s.qualityLimitation());
        }
        s.roundTripMs().ifPresent(ms -> line.append(String.format(Locale.ROOT, ", RTT %.0f ms", ms)));
        line.append(", NACK ").append(s.nacks()).append(" PLI ").append(s.plis()).append(" lost ").append(s.packetsLost());
        s.route().ifPresent(route -> line.append(", ").append(route));
        return line.toString();
    }

    private void stop(List<StreamingTransport> installed, PrintStream out) throws CommandException {
        if (session == null || session.isBlank()) {
            throw Messages.failure("Which session? peer:stream stop <session> (ids from peer:stream list)");
        }
        for (StreamingTransport transport : installed) {
            if (transport.stop(session)) {
                out.println("Stopped session " + session + " (" + transport.name() + ").");
                return;
            }
        }
        throw Messages.failure("No session " + session + " runs now (peer:stream list shows those that do).");
    }
}
