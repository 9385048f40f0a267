package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;

/**
 * {@code MediaShowCommand} is responsible for {@code peer:media-show <luid>}: everything known about one cataloged
 * file, its tracks included.
 */
@Service
@Command(scope = "peer", name = "media-show",
        description = "Shows one cataloged file: paths, size, status and error, metadata (displayed resolution,"
                + " HDR / 10-bit), hashes, Edge catalog id; then a table of its tracks (video, audio, subtitles:"
                + " codec, size as displayed, rotation, bit depth, HDR, channels, language, title, default/forced).")
public class MediaShowCommand implements Action {

    @Reference(optional = true)
    MediaCatalog catalog;

    @Argument(index = 0, name = "luid", required = true,
            description = "The file's local id, as peer:media-list prints it")
    @Completion(LuidCompleter.class)
    String luid;

    ZoneId zone = ZoneId.systemDefault();

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        if (catalog == null) {
            throw Messages.failure(Messages.NO_CATALOG);
        }
        if (luid == null) {
            throw Messages.failure("Which file? Use 'peer:media-show <luid>' (peer:media-list prints the ids)");
        }
        Optional<Long> id = Luids.parse(luid);
        if (id.isEmpty()) {
            throw Messages.failure("'" + luid + "' is not a file id: ids are whole numbers, as peer:media-list"
                    + " prints them");
        }
        try {
            Optional<MediaFile> file = catalog.find(id.get());
            if (file.isEmpty()) {
                throw Messages.failure(Messages.noSuchFile(id.get()));
            }
            Map<String, String> hashes = new TreeMap<>(catalog.hashes(id.get()));
            MediaTables.details(file.get(), hashes, zone).print(out);
            Optional<ShellTable> tracks = MediaTables.tracks(file.get());
            if (tracks.isPresent()) {
                out.println();
                out.println("Tracks");
                tracks.get().print(out);
            } else if (file.get().metadata().isPresent()) {
                out.println("Tracks: not listed yet (probed by an older peer version; the next scan lists them)");
            }
        } catch (CatalogException e) {
            throw Messages.failure("The catalog could not answer: " + e.getMessage());
        }
    }
}
