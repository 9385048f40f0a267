package org.giggityflix.peer.media.common;

/**
 * {@code CaptureMetatype} is responsible for what every codec's metatype says about the settings they share: the
 * names, descriptions and ranges ConfigAdmin and the web UI show for them.
 *
 * <p>Each codec still declares its own {@code @ObjectClassDefinition}: metatype is generated per annotated type,
 * and DS wants the configuration as an annotation type, which can neither extend another nor inherit its elements.
 * So the declarations stay two, and every word, range and default in them comes from here and from
 * {@link CaptureSettings} (annotation values must be compile-time constants, which these are). The ranges are the
 * very ones {@link CaptureSettings#checked} enforces.
 */
public final class CaptureMetatype {

    public static final String JPEG_QUALITY_NAME = "JPEG quality";
    public static final String JPEG_QUALITY_DESCRIPTION = "Quality of screenshot JPEGs, 0.05 (small) to 1.0 (best).";
    public static final String JPEG_QUALITY_MIN = "" + CaptureSettings.MIN_JPEG_QUALITY;
    public static final String JPEG_QUALITY_MAX = "" + CaptureSettings.MAX_JPEG_QUALITY;

    public static final String MAX_WIDTH_NAME = "Maximum width";
    public static final String MAX_WIDTH_DESCRIPTION =
            "Screenshots wider than this are scaled down, keeping the aspect ratio; 0 keeps the size.";
    public static final String MAX_WIDTH_MIN = "" + CaptureSettings.MIN_MAX_WIDTH;

    public static final String WINDOW_SECONDS_NAME = "Search window (s)";
    public static final String WINDOW_SECONDS_DESCRIPTION =
            "Frames up to this many seconds either side of a position compete for the sharpest;"
                    + " the window shrinks so neighbouring positions never share frames.";
    public static final String WINDOW_SECONDS_MIN = "" + CaptureSettings.MIN_WINDOW_SECONDS;
    public static final String WINDOW_SECONDS_MAX = "" + CaptureSettings.MAX_WINDOW_SECONDS;

    public static final String SERVICE_RANKING_NAME = "Service ranking";
    public static final String SERVICE_RANKING_DESCRIPTION =
            "Which codec wins when two handle the same extension: the higher ranking.";
    public static final int DEFAULT_SERVICE_RANKING = 0;

    /** Both codecs' probes add their extensions to what the scanner includes unless told not to. */
    public static final boolean DEFAULT_SCANNER_INCLUDE = true;

    private CaptureMetatype() {
    }
}
