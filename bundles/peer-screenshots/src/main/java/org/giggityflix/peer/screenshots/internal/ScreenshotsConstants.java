package org.giggityflix.peer.screenshots.internal;

/**
 * {@code ScreenshotsConstants} is responsible for the screenshot bundle's fixed names and limits.
 */
final class ScreenshotsConstants {

    /** ConfigAdmin PID (SCREENSHOT_CACHE_SIZE_MB is imported into it by peer-core). */
    static final String PID = "org.giggityflix.peer.screenshots";

    /** The cache folder under DATA_DIR. */
    static final String DIRECTORY = "screenshots";

    /** Decoding is memory- and CPU-hungry: at most this many captures run at once, others wait their turn. */
    static final int MAX_CONCURRENT_CAPTURES = 2;

    private ScreenshotsConstants() {
    }
}
