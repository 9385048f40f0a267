package org.giggityflix.peer.screenshots.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code ScreenshotsConfig} is responsible for describing the screenshot cache's settings to ConfigAdmin and the UI.
 */
@ObjectClassDefinition(
        id = ScreenshotsConstants.PID,
        name = "Giggityflix screenshots",
        description = "Sharpest-frame screenshots of cataloged files, cached under DATA_DIR/screenshots.")
@interface ScreenshotsConfig {

    @AttributeDefinition(name = "Cache size (MB)", min = "1",
            description = "The screenshot cache never holds more than this; the least recently used pictures go"
                    + " first (environment: SCREENSHOT_CACHE_SIZE_MB).")
    int cacheSizeMb() default 100;

    @AttributeDefinition(name = "Preferred provider", required = false,
            description = "When several installed providers handle a format, the one whose component name equals"
                    + " or contains this text wins (e.g. 'ffmpeg', 'y4m'); empty: the highest service ranking wins.")
    String preferredProvider() default "";
}
