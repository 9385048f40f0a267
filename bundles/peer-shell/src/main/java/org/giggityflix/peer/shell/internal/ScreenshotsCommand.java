package org.giggityflix.peer.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.giggityflix.peer.api.media.Screenshot;
import org.giggityflix.peer.api.media.ScreenshotException;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.media.ScreenshotSet;

/**
 * {@code ScreenshotsCommand} is responsible for {@code peer:screenshots}: capturing (or reusing from the cache) a
 * file's screenshots, listing them, and copying them to a folder when asked.
 */
@Service
@Command(scope = "peer", name = "screenshots",
        description = "Captures a cataloged file's sharpest-frame screenshots (or reuses them from the cache) and lists"
                + " them: position, picture size, bytes, cache path. --out copies them to a folder as"
                + " screenshot_<i>.jpg. Options come before the id: peer:screenshots --count 3 42.")
public class ScreenshotsCommand implements Action {

    static final int DEFAULT_COUNT = 5;

    @Reference(optional = true)
    ScreenshotService screenshots;

    @Argument(index = 0, name = "luid", required = true,
            description = "The file's local id, as peer:media-list prints it")
    @Completion(LuidCompleter.class)
    String luid;

    @Option(name = "--count", aliases = "-c", description = "How many screenshots, 1 to 50 (default 5)")
    Integer count;

    @Option(name = "--out", aliases = "-o", description = "A folder to copy the screenshots into")
    String out;

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream console) throws CommandException {
        if (screenshots == null) {
            throw Messages.failure("Screenshots are not available (no ScreenshotService): install the peer-screenshots"
                    + " feature.");
        }
        Optional<Long> id = Luids.parse(luid);
        if (id.isEmpty()) {
            throw Messages.failure("'" + luid + "' is not a file id: ids are whole numbers, as peer:media-list"
                    + " prints them");
        }
        ScreenshotSet set;
        try {
            set = screenshots.screenshots(id.get(), count == null ? DEFAULT_COUNT : count);
        } catch (ScreenshotException e) {
            throw Messages.failure(sentence(id.get(), e));
        }
        print(set, console);
        if (out != null) {
            copy(set, Path.of(out), console);
        }
    }

    /** Karaf stops reading options at the first argument: options after the id arrive here. */
    private static String sentence(long id, ScreenshotException e) {
        return switch (e.reason()) {
            case NO_SUCH_FILE -> Messages.noSuchFile(id);
            case FILE_GONE -> "File " + id + " is gone from disk: " + e.getMessage();
            case BAD_COUNT -> "Cannot take that many: " + e.getMessage();
            default -> "No screenshots of file " + id + ": " + e.getMessage();
        };
    }

    private static void print(ScreenshotSet set, PrintStream console) {
        ShellTable table = new ShellTable();
        table.column("#");
        table.column("Position");
        table.column("Frame at");
        table.column("Size");
        table.column("Bytes");
        table.column("Path");
        for (Screenshot shot : set.screenshots()) {
            table.addRow().addContent(shot.index(), seconds(shot.positionSeconds()), seconds(shot.frameSeconds()),
                    shot.width() + "x" + shot.height(), Formats.bytes(shot.size()), shot.path());
        }
        table.print(console);
        console.println(set.screenshots().size() + " screenshot(s) of file " + set.luid()
                + (set.fromCache() ? ", all from the cache." : ", captured now."));
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f s", value);
    }

    private static void copy(ScreenshotSet set, Path folder, PrintStream console) throws CommandException {
        try {
            Files.createDirectories(folder);
            for (Screenshot shot : set.screenshots()) {
                Files.copy(shot.path(), folder.resolve("screenshot_" + shot.index() + ".jpg"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            console.println("Copied to " + folder.toAbsolutePath() + " as screenshot_0.jpg .. screenshot_"
                    + (set.screenshots().size() - 1) + ".jpg");
        } catch (IOException e) {
            throw Messages.failure("Could not copy to " + folder + ": " + e);
        }
    }
}
