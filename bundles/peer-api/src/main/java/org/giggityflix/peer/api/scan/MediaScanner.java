package org.giggityflix.peer.api.scan;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@code MediaScanner} is responsible for keeping the catalog in step with the media dirs: walking them,
 * watching them live and rescanning them on a schedule.
 *
 * <p>Scans run on the scanner's own thread, one at a time.
 */
@ProviderType
public interface MediaScanner {

    /**
     * Starts a scan, or joins the one already running (a full request while an incremental scan runs is queued
     * to follow it). Returns at once.
     *
     * @return completes with the report of the scan that served this request
     */
    CompletionStage<ScanReport> scan(ScanRequest request);

    /** A snapshot of progress, schedule, roots and watching. */
    ScanStatus status();
}
