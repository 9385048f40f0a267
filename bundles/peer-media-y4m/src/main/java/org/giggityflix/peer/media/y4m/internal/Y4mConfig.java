package org.giggityflix.peer.media.y4m.internal;

import org.giggityflix.peer.media.common.CaptureMetatype;
import org.giggityflix.peer.media.common.CaptureSettings;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code Y4mConfig} is responsible for describing the YUV4MPEG2 codec's settings to ConfigAdmin and the UI.
 * The settings every codec shares take their words, ranges and defaults from peer-media-common's
 * {@link CaptureMetatype}, which says why each codec still declares them.
 */
@ObjectClassDefinition(
        id = Y4mConstants.PID,
        name = "Giggityflix YUV4MPEG2 codec",
        description = "Metadata and sharpest-frame screenshots of .y4m files, in pure Java.")
@interface Y4mConfig {

    @AttributeDefinition(name = CaptureMetatype.JPEG_QUALITY_NAME,
            description = CaptureMetatype.JPEG_QUALITY_DESCRIPTION,
            min = CaptureMetatype.JPEG_QUALITY_MIN, max = CaptureMetatype.JPEG_QUALITY_MAX)
    float jpegQuality() default CaptureSettings.DEFAULT_JPEG_QUALITY;

    @AttributeDefinition(name = CaptureMetatype.MAX_WIDTH_NAME, description = CaptureMetatype.MAX_WIDTH_DESCRIPTION,
            min = CaptureMetatype.MAX_WIDTH_MIN)
    int maxWidth() default CaptureSettings.DEFAULT_MAX_WIDTH;

    @AttributeDefinition(name = CaptureMetatype.WINDOW_SECONDS_NAME,
            description = CaptureMetatype.WINDOW_SECONDS_DESCRIPTION,
            min = CaptureMetatype.WINDOW_SECONDS_MIN, max = CaptureMetatype.WINDOW_SECONDS_MAX)
    double windowSeconds() default CaptureSettings.DEFAULT_WINDOW_SECONDS;

    @AttributeDefinition(name = "Add .y4m to the scanner",
            description = "When true the scanner also includes .y4m files while this bundle is installed.")
    boolean scanner_include() default CaptureMetatype.DEFAULT_SCANNER_INCLUDE;

    @AttributeDefinition(name = CaptureMetatype.SERVICE_RANKING_NAME,
            description = CaptureMetatype.SERVICE_RANKING_DESCRIPTION)
    int service_ranking() default CaptureMetatype.DEFAULT_SERVICE_RANKING;
}
