package org.giggityflix.peer.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
import org.giggityflix.peer.api.hash.FileHasher;
import org.giggityflix.peer.api.hash.FileHashes;
import org.giggityflix.peer.api.hash.MediaGoneException;
import org.giggityflix.peer.api.hash.NoSuchMediaException;
import org.giggityflix.peer.api.hash.UnknownAlgorithmException;

/**
 * {@code HashCommand} is responsible for {@code peer:hash}: a cataloged file's digests, stored ones from the catalog
 * and missing ones computed in one read and stored.
 */
@Service
@Command(scope = "peer", name = "hash",
        description = "Shows a cataloged file's digests. Stored digests come from the catalog; missing ones are "
                + "computed now, reading the file once for all algorithms, and stored.")
public class HashCommand implements Action {

    @Reference(optional = true)
    FileHasher hasher;

    @Reference(optional = true)
    MediaCatalog catalog;

    @Argument(index = 0, name = "luid", required = true,
            description = "The file's local id, as peer:media-list prints it")
    @Completion(LuidCompleter.class)
    String luid;

    @Argument(index = 1, name = "algorithms", multiValued = true, required = false,
            description = "Algorithm names, e.g. md5 sha1 (default: every installed algorithm, see peer:providers)")
    @Completion(AlgorithmCompleter.class)
    List<String> algorithms;

    @Override
    public Object execute() throws Exception {
        run(System.out);
        return null;
    }

    void run(PrintStream out) throws CommandException {
        if (hasher == null) {
            throw Messages.failure(Messages.NO_HASHER);
        }
        Optional<Long> id = Luids.parse(luid);
        if (id.isEmpty()) {
            throw Messages.failure("'" + luid + "' is not a file id: ids are whole numbers, as peer:media-list"
                    + " prints them");
        }
        Set<String> available = new TreeSet<>(hasher.availableAlgorithms());
        if (available.isEmpty()) {
            throw Messages.failure("No hash algorithm is installed: install a HashProvider bundle"
                    + " (e.g. peer-hash-jdk).");
        }
        Set<String> unknown = new LinkedHashSet<>();
        List<String> known = requested(available, unknown);
        if (!known.isEmpty()) {
            unknown.addAll(hash(id.get(), known, out));
        }
        // The known digests are printed first; an unknown name still fails the command, so a script notices.
        if (!unknown.isEmpty()) {
            throw Messages.failure(String.join("\n", unknown.stream().map(name -> unknown(name, available)).toList()));
        }
    }

    /** The requested names that are installed; the others go to {@code unknown}. */
    private List<String> requested(Set<String> available, Set<String> unknown) {
        if (algorithms == null || algorithms.isEmpty()) {
            return new ArrayList<>(available);
        }
        List<String> known = new ArrayList<>();
        for (String name : new LinkedHashSet<>(algorithms.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList())) {
            if (available.contains(name)) {
                known.add(name);
            } else {
                unknown.add(name);
            }
        }
        return known;
    }

    private static String unknown(String name, Set<String> available) {
        return "unknown hash algorithm '" + name + "'; available: " + String.join(", ", available);
    }

    /** Prints the digests; returns the names that went away between the check and the hashing. */
    private Set<String> hash(long id, List<String> known, PrintStream out) throws CommandException {
        Map<String, String> stored = storedHashes(id);
        FileHashes result;
        try {
            result = hasher.hashEntry(id, known);
        } catch (NoSuchMediaException e) {
            throw Messages.failure(Messages.noSuchFile(id));
        } catch (MediaGoneException e) {
            throw Messages.failure("File " + id + " is gone from disk: " + e.getMessage());
        } catch (UnknownAlgorithmException e) {
            throw Messages.failure(e.getMessage());
        } catch (IOException e) {
            throw Messages.failure("Could not read file " + id + ": " + e.getMessage());
        } catch (CatalogException e) {
            throw Messages.failure("The catalog could not answer: " + e.getMessage());
        }
        print(result, stored, out);
        return result.unknown();
    }

    /** What the catalog held before hashing, to tell stored digests from computed ones; null when unknown. */
    private Map<String, String> storedHashes(long id) {
        if (catalog == null) {
            return null;
        }
        try {
            return catalog.hashes(id);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void print(FileHashes result, Map<String, String> stored, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Algorithm");
        table.column("Digest");
        table.column("Source");
        new TreeSet<>(result.digests().keySet()).forEach(algo -> table.addRow()
                .addContent(algo, result.digests().get(algo), source(algo, result, stored)));
        table.print(out);
        out.println(result.bytesRead() == 0 ? "All from the catalog; nothing was read."
                : "Read " + Formats.bytes(result.bytesRead()) + " to compute the missing digests.");
    }

    private static String source(String algo, FileHashes result, Map<String, String> stored) {
        if (stored != null) {
            return stored.containsKey(algo) ? "catalog" : "computed";
        }
        return result.bytesRead() == 0 ? "catalog" : "catalog or computed";
    }
}
