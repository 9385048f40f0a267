package org.giggityflix.peer.api.scan;

/**
 * What kind of scan to run.
 *
 * @param full re-read every file, ignoring the size+mtime shortcut
 */
public record ScanRequest(boolean full) {

    public static ScanRequest incremental() {
        return new ScanRequest(false);
    }

    public static ScanRequest fullScan() {
        return new ScanRequest(true);
    }
}
