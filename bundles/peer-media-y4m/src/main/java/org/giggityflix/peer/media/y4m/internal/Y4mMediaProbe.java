package org.giggityflix.peer.media.y4m.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.giggityflix.peer.api.catalog.HdrTransfer;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStream;
import org.giggityflix.peer.api.catalog.StreamKind;
import org.giggityflix.peer.api.media.MediaProbe;
import org.giggityflix.peer.media.common.AverageBitrate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

/**
 * {@code Y4mMediaProbe} is responsible for a .y4m file's metadata: size and frame rate from its header, duration
 * from the number of whole frames (frames are fixed-size, so that is arithmetic on the file size); one 8-bit SDR
 * video stream, upright (the format has no rotation).
 */
@Component(service = MediaProbe.class, configurationPid = Y4mConstants.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = Y4mConstants.SCANNER_INCLUDE + ":Boolean=true")
public final class Y4mMediaProbe implements MediaProbe {

    /**
     * Nothing to apply: present so that a changed ranking or {@code scanner.include} updates the service's
     * properties in place instead of unregistering the probe under the scanner's feet.
     */
    @Modified
    void modified() {
    }

    @Override
    public Set<String> extensions() {
        return Y4mConstants.EXTENSIONS;
    }

    @Override
    public MediaMetadata probe(Path file) throws IOException {
        try (Y4mFile y4m = Y4mFile.open(file)) {
            Y4mHeader header = y4m.header();
            double duration = y4m.durationSeconds();
            MediaStream video = MediaStream.builder(0, StreamKind.VIDEO)
                    .codec(Y4mConstants.VIDEO_CODEC)
                    .codedSize(header.width(), header.height())
                    .displaySize(header.width(), header.height())
                    .rotation(0)
                    .pixelFormat(header.chroma().pixelFormat)
                    .bitDepth(8)
                    .hdr(HdrTransfer.SDR)
                    .frameRate(header.frameRate())
                    .defaultTrack(true)
                    .build();
            return new MediaMetadata(duration, header.width(), header.height(), Y4mConstants.VIDEO_CODEC, null,
                    AverageBitrate.of(Files.size(file), duration), header.frameRate(), Y4mConstants.CONTAINER,
                    List.of(video));
        }
    }
}
