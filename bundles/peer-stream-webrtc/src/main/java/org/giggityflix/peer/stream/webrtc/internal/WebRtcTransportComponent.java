package org.giggityflix.peer.stream.webrtc.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.edge.EdgeLink;
import org.giggityflix.peer.api.media.FrameSource;
import org.giggityflix.peer.api.media.SubtitleProvider;
import org.giggityflix.peer.api.stream.IceCandidate;
import org.giggityflix.peer.api.stream.SessionOffer;
import org.giggityflix.peer.api.stream.SessionRequest;
import org.giggityflix.peer.api.stream.SignalingException;
import org.giggityflix.peer.api.stream.SignalingException.Reason;
import org.giggityflix.peer.api.stream.SignalingListener;
import org.giggityflix.peer.api.stream.StreamSession;
import org.giggityflix.peer.api.stream.StreamingTransport;
import org.giggityflix.peer.api.stream.WebRtcSignaling;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code WebRtcTransportComponent} is responsible for running the WebRTC transport inside OSGi: it publishes
 * {@link WebRtcSignaling} / {@link StreamingTransport} with {@code transport=webrtc} (the engine — libwebrtc with
 * the dummy audio device — and the codecs' libraries are prepared in the background when the Edge link comes up,
 * else the engine starts with the first session, so an idle peer without an Edge runs none of it),
 * resolves luids through the catalog, reads files through the codec bundles' {@link FrameSource}s (a codec
 * installed or removed while it runs extends or narrows what streams), applies configuration changes to new sessions without restart, and when it
 * is deactivated (feature uninstalled, bundle stopped, peer stopped) ends every session, then disposes the engine.
 */
@Component(configurationPid = WebRtcConstants.PID, service = {WebRtcSignaling.class, StreamingTransport.class},
        property = StreamingTransport.NAME_PROPERTY + "=" + WebRtcConstants.TRANSPORT, immediate = true)
@Designate(ocd = WebRtcConfig.class)
public final class WebRtcTransportComponent implements WebRtcSignaling {

    private final MediaCatalog catalog;
    private final RtcEngine engine;
    private final WebRtcSessions sessions;
    private final FrameSources frameSources = new FrameSources();
    private final SubtitleSources subtitleSources = new SubtitleSources();
    private volatile WebRtcSettings settings;

    @Activate
    public WebRtcTransportComponent(@Reference(name = "catalog") MediaCatalog catalog, WebRtcConfig config) {
        this.catalog = catalog;
        this.settings = WebRtcSettings.from(config);
        this.engine = new RtcEngine();
        this.sessions = new WebRtcSessions(engine, this::resolve, frameSources, subtitleSources, () -> settings);
    }

    /** Codec bundles' frame sources: every file is read through the best-ranked one handling its extension. */
    @Reference(service = FrameSource.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeFrameSource", updated = "updateFrameSource")
    void addFrameSource(FrameSource source, Map<String, Object> properties) {
        frameSources.add(source, properties);
    }

    void updateFrameSource(FrameSource source, Map<String, Object> properties) {
        frameSources.add(source, properties);
    }

    void removeFrameSource(FrameSource source) {
        frameSources.remove(source);
    }

    /** Codec bundles' subtitle readers: text cues go on the data channel, listed streams can be chosen. */
    @Reference(service = SubtitleProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeSubtitleProvider", updated = "updateSubtitleProvider")
    void addSubtitleProvider(SubtitleProvider provider, Map<String, Object> properties) {
        subtitleSources.add(provider, properties);
    }

    void updateSubtitleProvider(SubtitleProvider provider, Map<String, Object> properties) {
        subtitleSources.add(provider, properties);
    }

    void removeSubtitleProvider(SubtitleProvider provider) {
        subtitleSources.remove(provider);
    }

    /**
     * The Edge link is up (bound while its {@code edge.state} is CONNECTED): viewers may come through it now, so
     * libwebrtc and the codecs' libraries (FFmpeg) are prepared in the background and the first one does not wait.
     */
    @Reference(name = "connectedEdgeLink", service = EdgeLink.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(" + EdgeLink.STATE_PROPERTY + "=CONNECTED)", unbind = "edgeLinkDown")
    void edgeLinkUp(EdgeLink link) {
        engine.prepare(frameSources::prepareAll);
    }

    void edgeLinkDown(EdgeLink link) {
        // The engine stays ready: the link may come back, and a session in progress goes on.
    }

    RtcEngine engine() {
        return engine;
    }

    @Modified
    void modified(WebRtcConfig config) {
        settings = WebRtcSettings.from(config);
    }

    @Deactivate
    void deactivate() {
        sessions.close();
        engine.close();
    }

    private Path resolve(long luid) throws SignalingException {
        Optional<MediaFile> file = catalog.find(luid);
        if (file.isEmpty()) {
            throw new SignalingException(Reason.NO_SUCH_MEDIA, "no cataloged file has luid " + luid);
        }
        if (frameSources.sourceFor(file.get().path()).isEmpty()) {
            // Before the gone check: a codec bundle removed makes the scanner mark its files deleted, and the
            // owner should hear what is really missing.
            throw new SignalingException(Reason.FAILED, FrameSources.noCodec(file.get().path()));
        }
        if (file.get().status() == MediaStatus.DELETED || !Files.isRegularFile(file.get().path())) {
            throw new SignalingException(Reason.FILE_GONE, "the file " + file.get().relativePath()
                    + " is gone from disk");
        }
        return file.get().path();
    }

    @Override
    public String name() {
        return WebRtcConstants.TRANSPORT;
    }

    @Override
    public List<StreamSession> sessions() {
        return sessions.sessions();
    }

    @Override
    public boolean stop(String sessionId) {
        return sessions.stop(sessionId);
    }

    @Override
    public SessionOffer open(SessionRequest request, SignalingListener listener) throws SignalingException {
        return sessions.open(request, listener);
    }

    @Override
    public void applyAnswer(String sessionId, String sdp) throws SignalingException {
        sessions.applyAnswer(sessionId, sdp);
    }

    @Override
    public void addRemoteCandidate(String sessionId, IceCandidate candidate) throws SignalingException {
        sessions.addRemoteCandidate(sessionId, candidate);
    }
}
