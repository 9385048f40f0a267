package org.giggityflix.peer.backup.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code RestoreMain} is responsible for {@code bin/peer restore}: the command line of {@link Restore}, run with the
 * peer stopped, in a plain JVM ({@code java -cp peer-backup.jar ...RestoreMain}).
 *
 * <p>Arguments: {@code [--other-peer] ARCHIVE DATA_DIR ETC_DIR CATALOG_CLASSPATH}; the last is the catalog bundle's
 * jar and the SQLite driver's, for {@link ProcessCatalogCheck}. Exit status 0 when restored, 1 when refused or
 * failed (the reason on standard error, one line), 2 on a usage error.
 */
public final class RestoreMain {

    private RestoreMain() {
    }

    public static void main(String[] args) {
        List<String> positional = new ArrayList<>();
        boolean otherPeer = false;
        for (String arg : args) {
            if (arg.equals("--other-peer")) {
                otherPeer = true;
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() != 4) {
            System.err.println("usage: RestoreMain [--other-peer] ARCHIVE DATA_DIR ETC_DIR CATALOG_CLASSPATH");
            System.exit(2);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Restore restore = new Restore(Path.of(positional.get(1)), Path.of(positional.get(2)),
                new ProcessCatalogCheck(java, positional.get(3)), Clock.systemUTC());
        try {
            Restore.Result result = restore.run(Path.of(positional.get(0)).toAbsolutePath(), otherPeer);
            System.out.println("peer: restored peer '" + result.peerId() + "' (catalog schema version "
                    + result.schemaVersion() + "): " + result.restored().size() + " files");
            for (Path file : result.restored()) {
                System.out.println("  " + file);
            }
            System.out.println("peer: the files it replaced are in " + result.previous()
                    + " (when there were any); start the peer to use the restored catalog");
        } catch (RestoreException e) {
            System.err.println("peer: " + e.getMessage() + (e.changedNothing() ? "; nothing was changed" : ""));
            System.exit(1);
        }
    }
}
