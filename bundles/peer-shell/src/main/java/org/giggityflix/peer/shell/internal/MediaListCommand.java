package org.giggityflix.peer.shell.internal;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;

/**
 * {@code MediaListCommand} is responsible for {@code peer:media-list}: browsing the catalog page by page, filtered by
 * status and by text in the path.
 */
@Service
@Command(scope = "peer", name = "media-list",
        description = "Lists the cataloged files page by page (id, status, size, modified, path below the media dir),"
                + " with a footer naming the next page's --offset. peer:media-show <id> shows one of them.")
public class MediaListCommand implements Action {

    static final int DEFAULT_LIMIT = 50;

    @Reference(optional = true)
    MediaCatalog catalog;

    @Option(name = "--status", aliases = "-s", multiValued = true,
            description = "Only files in this status (pending, processing, ready, error, deleted); repeat or separate"
                    + " with commas for several. Default: every status but deleted")
    @Completion(StatusCompleter.class)
    List<String> statuses;

    @Option(name = "--search", aliases = "-q",
            description = "Only files whose path below the media dir contains TEXT (any case)")
    String search;

    @Option(name = "--offset", aliases = "-o", description = "Rows to skip, for paging (default 0)")
    int offset;

    @Option(name = "--limit", aliases = "-n", description = "Rows at most, 1 to " + MediaQuery.MAX_LIMIT
            + " (default " + DEFAULT_LIMIT + ")")
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
        MediaQuery query = query();
        try {
            List<MediaFile> page = catalog.list(query);
            long total = catalog.count(query);
            if (page.isEmpty()) {
                out.println(total == 0 ? "No cataloged files match." : "No files at offset " + query.offset()
                        + "; " + Formats.count(total) + " match.");
                return;
            }
            MediaTables.list(page, zone).print(out);
            out.println(pageFooter(query.offset(), page.size(), total));
        } catch (CatalogException e) {
            throw Messages.failure("The catalog could not answer: " + e.getMessage());
        }
    }

    private static String pageFooter(int offset, int shown, long total) {
        String text = "Files " + Formats.count(offset + 1L) + "-" + Formats.count(offset + (long) shown)
                + " of " + Formats.count(total);
        long next = offset + (long) shown;
        return next < total ? text + " (next page: --offset " + next + ")" : text;
    }

    /** The query the options ask for; fails with what is wrong with them. */
    private MediaQuery query() throws CommandException {
        if (limit < 1 || limit > MediaQuery.MAX_LIMIT) {
            throw Messages.failure("--limit must be between 1 and " + MediaQuery.MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw Messages.failure("--offset must be 0 or more, was " + offset);
        }
        Set<MediaStatus> wanted = EnumSet.noneOf(MediaStatus.class);
        for (String name : StatusCompleter.split(statuses)) {
            Optional<MediaStatus> status = StatusCompleter.parse(name);
            if (status.isEmpty()) {
                throw Messages.failure("Unknown status '" + name + "'; one of: "
                        + String.join(", ", StatusCompleter.names()));
            }
            wanted.add(status.get());
        }
        Optional<String> text = Optional.ofNullable(search).map(String::trim).filter(s -> !s.isEmpty());
        return new MediaQuery(wanted, text, offset, limit);
    }
}
