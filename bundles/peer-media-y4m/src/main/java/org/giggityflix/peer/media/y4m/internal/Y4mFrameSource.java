package org.giggityflix.peer.media.y4m.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import org.giggityflix.peer.api.media.FrameOptions;
import org.giggityflix.peer.api.media.FrameReader;
import org.giggityflix.peer.api.media.FrameSource;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * {@code Y4mFrameSource} is responsible for publishing the pure-Java YUV4MPEG2 reader as a {@link FrameSource}, so
 * that with this bundle installed a {@code .y4m} file streams like any other (and without it, it cannot).
 */
@Component(service = FrameSource.class, configurationPid = Y4mConstants.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class Y4mFrameSource implements FrameSource {

    /** Present so that a changed {@code service.ranking} updates the service's properties in place. */
    @Modified
    void modified() {
        // the ranking is a service property: DS republishes it
    }

    @Override
    public Set<String> extensions() {
        return Y4mConstants.EXTENSIONS;
    }

    @Override
    public FrameReader open(Path file, FrameOptions options) throws IOException {
        return Y4mFrameReader.open(file, options);
    }
}
