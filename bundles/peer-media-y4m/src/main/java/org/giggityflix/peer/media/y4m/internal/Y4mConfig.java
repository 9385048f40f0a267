package org.giggityflix.peer.media.y4m.internal;

import org.giggityflix.peer.media.common.CaptureSettings;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code Y4mConfig} is responsible for describing the YUV4MPEG2 codec's settings to ConfigAdmin and the UI.
 */
@ObjectClassDefinition(
        id = Y4mConstants.PID,
        name = "Giggityflix YUV4MPEG2 codec",
        description = "Metadata and sharpest-frame screenshots of .y4m files, in pure Java.")
@interface Y4mConfig {

    @AttributeDefinition(name = "JPEG quality", min = "0.05", max = "1.0",
            description = "Quality of screenshot JPEGs, 0.05 (small) to 1.0 (best).")
    float jpegQuality() default CaptureSettings.DEFAULT_JPEG_QUALITY;

    @AttributeDefinition(name = "Maximum width", min = "0",
            description = "Screenshots wider than this are scaled down, keeping the aspect ratio; 0 keeps the size.")
    int maxWidth() default CaptureSettings.DEFAULT_MAX_WIDTH;

    @AttributeDefinition(name = "Search window (s)", min = "0.04", max = "10",
            description = "Frames up to this many seconds either side of a position compete for the sharpest;"
                    + " the window shrinks so neighbouring positions never share frames.")
    double windowSeconds() default CaptureSettings.DEFAULT_WINDOW_SECONDS;

    @AttributeDefinition(name = "Add .y4m to the scanner",
            description = "When true the scanner also includes .y4m files while this bundle is installed.")
    boolean scanner_include() default true;

    @AttributeDefinition(name = "Service ranking",
            description = "Which codec wins when two handle the same extension: the higher ranking.")
    int service_ranking() default 0;
}
