package org.giggityflix.peer.core.internal;

import java.util.List;

/**
 * {@code ImportResult} is responsible for saying what one pass of {@link EnvironmentImporter} did, for the log
 * summary and for tests.
 *
 * @param written   variables whose value was written into ConfigAdmin
 * @param unchanged variables that were set but already matched the stored value
 * @param rejected  one line per variable with a value that could not be used
 */
record ImportResult(List<String> written, List<String> unchanged, List<String> rejected) {

    ImportResult {
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
        rejected = List.copyOf(rejected);
    }
}
