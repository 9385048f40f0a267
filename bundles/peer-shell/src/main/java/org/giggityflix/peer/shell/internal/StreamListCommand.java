package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.StreamStats;
import org.giggityflix.peer.api.stream.StreamingTransport;

/**
 * {@code StreamListCommand} is responsible for {@code peer:stream-list}: the sessions every installed streaming
 * transport runs now, with what each sends when its transport measures it.
 */
@Service
@Command(scope = "peer", name = "stream-list",
        description = "Lists the streaming sessions of every installed transport (session id, transport, file id,"
                + " running time, state), with what each WebRTC session sends (size, fps, bitrate and the path's"
                + " estimate, what holds the encoder back, RTT, NACK/PLI/lost, direct or relay)."
                + " peer:stream-stop <session> ends one.")
public class StreamListCommand implements Action {

    @Reference(optional = true)
    List<StreamingTransport> transports = List.of();

    Clock clock = Clock.systemDefaultZone();

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        List<StreamingTransport> installed = Transports.installed(transports);
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
                        s.stats().map(StreamListCommand::sending).orElse("-"));
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
}
