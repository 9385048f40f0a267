package org.giggityflix.peer.api.media;

/**
 * One captured frame, JPEG encoded.
 *
 * @param positionSeconds where in the media the frame was taken
 * @param width           pixels
 * @param height          pixels
 * @param jpeg            the encoded image
 */
public record Thumbnail(double positionSeconds, int width, int height, byte[] jpeg) {
}
