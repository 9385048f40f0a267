package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;

/**
 * {@code MediaCommand} is responsible for {@code peer:media list} and {@code peer:media show <luid>}: browsing the
 * catalog page by page and showing everything known about one file, its tracks included.
 *
 * <p>Karaf commands have no subcommands, so the first argument picks the action.
 */
@Service
@Command(scope = "peer", name = "media",
        description = "Browses the catalog. 'peer:media list [--status S] [--search TEXT] [--offset N] [--limit N]' "
                + "lists files page by page; 'peer:media show <luid>' shows one file with metadata, hashes and a "
                + "table of its tracks (video, audio, subtitles: codec, size as displayed, rotation, bit depth, HDR, "
                + "channels, language, title, default/forced). "
                + "The list options may come before or after the action.")
public class MediaCommand implements Action {

    static final int DEFAULT_LIMIT = 50;

    @Reference(optional = true)
    MediaCatalog catalog;

    @Argument(index = 0, name = "action", required = true, description = "list or show")
    @Completion(value = StringsCompleter.class, values = {"list", "show"})
    String action;

    @Argument(index = 1, name = "args", required = false, multiValued = true,
            description = "For show: the file's local id, as peer:media list prints it. For list: the options "
                    + "below, which may also follow the action (peer:media list --limit 20)")
    @Completion(MediaArgsCompleter.class)
    List<String> args;

    @Option(name = "--status", aliases = "-s", multiValued = true,
            description = "For list: only files in this status (pending, processing, ready, error, deleted); "
                    + "repeat or separate with commas for several. Default: every status but deleted")
    @Completion(StatusCompleter.class)
    List<String> statuses;

    @Option(name = "--search", aliases = "-q",
            description = "For list: only files whose path below the media dir contains TEXT (any case)")
    String search;

    @Option(name = "--offset", aliases = "-o", description = "For list: rows to skip, for paging (default 0)")
    int offset;

    @Option(name = "--limit", aliases = "-n",
            description = "For list: rows at most, 1 to " + MediaQuery.MAX_LIMIT)
    int limit = DEFAULT_LIMIT;

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
        MediaArgs words;
        try {
            words = MediaArgs.parse(args);
        } catch (IllegalArgumentException e) {
            throw Messages.failure(e.getMessage());
        }
        try {
            switch (action.toLowerCase(Locale.ROOT)) {
                case "list" -> list(words, out);
                case "show" -> show(words.id().orElse(null), out);
                default -> throw Messages.failure("Unknown action '" + action
                        + "': use 'peer:media list' or 'peer:media show <luid>'");
            }
        } catch (CatalogException e) {
            throw Messages.failure("The catalog could not answer: " + e.getMessage());
        }
    }

    private void list(MediaArgs words, PrintStream out) throws CommandException {
        if (words.id().isPresent()) {
            throw Messages.failure("peer:media list takes no file id ('" + words.id().get()
                    + "'); did you mean peer:media show " + words.id().get() + "?");
        }
        MediaQuery query = query(words);
        List<MediaFile> page = catalog.list(query);
        long total = catalog.count(query);
        if (page.isEmpty()) {
            out.println(total == 0 ? "No cataloged files match." : "No files at offset " + query.offset()
                    + "; " + Formats.count(total) + " match.");
            return;
        }
        MediaTables.list(page, zone).print(out);
        out.println(pageFooter(query.offset(), page.size(), total));
    }

    private static String pageFooter(int offset, int shown, long total) {
        String text = "Files " + Formats.count(offset + 1L) + "-" + Formats.count(offset + (long) shown)
                + " of " + Formats.count(total);
        long next = offset + (long) shown;
        return next < total ? text + " (next page: --offset " + next + ")" : text;
    }

    /** The query the options ask for; fails with what is wrong with them. */
    private MediaQuery query(MediaArgs words) throws CommandException {
        int limit = words.limit().orElse(this.limit);
        int offset = words.offset().orElse(this.offset);
        if (limit < 1 || limit > MediaQuery.MAX_LIMIT) {
            throw Messages.failure("--limit must be between 1 and " + MediaQuery.MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw Messages.failure("--offset must be 0 or more, was " + offset);
        }
        Set<MediaStatus> wanted = EnumSet.noneOf(MediaStatus.class);
        List<String> names = new ArrayList<>(StatusCompleter.split(statuses));
        names.addAll(StatusCompleter.split(words.statuses()));
        for (String name : names) {
            Optional<MediaStatus> status = StatusCompleter.parse(name);
            if (status.isEmpty()) {
                throw Messages.failure("Unknown status '" + name + "'; one of: "
                        + String.join(", ", StatusCompleter.names()));
            }
            wanted.add(status.get());
        }
        Optional<String> text = words.search().or(() -> Optional.ofNullable(search))
                .map(String::trim).filter(s -> !s.isEmpty());
        return new MediaQuery(wanted, text, offset, limit);
    }

    private void show(String luid, PrintStream out) throws CommandException {
        if (luid == null) {
            throw Messages.failure("Which file? Use 'peer:media show <luid>' (peer:media list prints the ids)");
        }
        Optional<Long> id = Luids.parse(luid);
        if (id.isEmpty()) {
            throw Messages.failure("'" + luid + "' is not a file id: ids are whole numbers, as peer:media list"
                    + " prints them");
        }
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
    }
}
