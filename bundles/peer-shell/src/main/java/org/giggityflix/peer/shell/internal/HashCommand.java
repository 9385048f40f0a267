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
            description = "The file's local id, as peer:media list prints it")
    @Completion(LuidCompleter.class)
    String luid;

    @Argument(index = 1, name = "algorithms", multiValued = true, required = false,
            description = "Algorithm names, e.g. md5 sha1 (default: every installed algorithm, see peer:providers)")
    @Completion(AlgorithmCompleter.class)
    List<String> algorithms;

    @Override
    public Object execute() {
        run(System.out);
        return null;
    }

    void run(PrintStream out) {
        if (hasher == null) {
            out.println(Messages.NO_HASHER);
            return;
        }
        Optional<Long> id = Luids.parse(luid);
        if (id.isEmpty()) {
            out.println("'" + luid + "' is not a file id: ids are whole numbers, as peer:media list prints them");
            return;
        }
        Set<String> available = new TreeSet<>(hasher.availableAlgorithms());
        if (available.isEmpty()) {
            out.println("No hash algorithm is installed: install a HashProvider bundle (e.g. peer-hash-jdk).");
            return;
        }
        List<String> known = requested(available, out);
        if (!known.isEmpty()) {
            hash(id.get(), known, available, out);
        }
    }

    /** The requested names that are installed, after reporting those that are not. */
    private List<String> requested(Set<String> available, PrintStream out) {
        if (algorithms == null || algorithms.isEmpty()) {
            return new ArrayList<>(available);
        }
        List<String> known = new ArrayList<>();
        for (String name : new LinkedHashSet<>(algorithms.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList())) {
            if (available.contains(name)) {
                known.add(name);
            } else {
                out.println(unknown(name, available));
            }
        }
        return known;
    }

    private static String unknown(String name, Set<String> available) {
        return "unknown hash algorithm '" + name + "'; available: " + String.join(", ", available);
    }

    private void hash(long id, List<String> known, Set<String> available, PrintStream out) {
        Map<String, String> stored = storedHashes(id);
        FileHashes result;
        try {
            result = hasher.hashEntry(id, known);
        } catch (NoSuchMediaException e) {
            out.println(Messages.noSuchFile(id));
            return;
        } catch (MediaGoneException e) {
            out.println("File " + id + " is gone from disk: " + e.getMessage());
            return;
        } catch (UnknownAlgorithmException e) {
            out.println(e.getMessage());
            return;
        } catch (IOException e) {
            out.println("Could not read file " + id + ": " + e.getMessage());
            return;
        } catch (CatalogException e) {
            out.println("The catalog could not answer: " + e.getMessage());
            return;
        }
        result.unknown().forEach(name -> out.println(unknown(name, available)));
        print(result, stored, out);
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
