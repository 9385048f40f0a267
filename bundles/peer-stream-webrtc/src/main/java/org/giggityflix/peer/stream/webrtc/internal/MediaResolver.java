package org.giggityflix.peer.stream.webrtc.internal;

import java.nio.file.Path;

import org.giggityflix.peer.api.stream.SignalingException;

/**
 * {@code MediaResolver} is responsible for finding the file behind a catalog luid, or saying why it cannot
 * ({@code NO_SUCH_MEDIA}, {@code FILE_GONE}).
 */
@FunctionalInterface
interface MediaResolver {

    Path resolve(long luid) throws SignalingException;
}
