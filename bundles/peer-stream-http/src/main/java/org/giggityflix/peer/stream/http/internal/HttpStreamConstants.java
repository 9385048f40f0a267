package org.giggityflix.peer.stream.http.internal;

/**
 * {@code HttpStreamConstants} is responsible for the names and paths this bundle shares with configuration, the
 * shell and the player page.
 */
final class HttpStreamConstants {

    /** Configuration PID (metatype in {@link HttpStreamConfig}). */
    static final String PID = "org.giggityflix.peer.stream.http";

    /** The transport's name, published as {@code transport=http}. */
    static final String TRANSPORT = "http";

    /** Signed file links: {@code /stream/<luid>?exp=<epoch seconds>&sig=<hmac>}, in the default context. */
    static final String STREAM_PATH = "/stream";

    /** Signed subtitle links: {@code /stream/<luid>/subtitles/<stream index>.vtt?exp=&sig=} (WebVTT). */
    static final String SUBTITLES = "/subtitles/";

    /**
     * What the owner's player page ({@code /play?id=<luid>}, served by peer-web in the app's layout) asks this
     * bundle: {@code /play/info?id=<luid>}; and its WebRTC signaling {@code /play/rtc/*}.
     */
    static final String PLAY_PATH = "/play";
    static final String INFO_PATH = "/play/info";
    static final String SIGNAL_PATH = "/play/rtc";

    /** The link-signing secret under DATA_DIR, made once, readable by the owner only. */
    static final String KEY_FILE = "stream-link.key";

    private HttpStreamConstants() {
    }
}
