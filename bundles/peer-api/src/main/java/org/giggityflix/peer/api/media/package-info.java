/**
 * Codecs as plugins: probing metadata, capturing frames and reading text subtitles. 1.3:
 * {@link org.giggityflix.peer.api.media.FrameSource} (decoded, upright, SDR pictures and PCM sound of a chosen audio
 * track, read through a {@link org.giggityflix.peer.api.media.FrameReader}) and
 * {@link org.giggityflix.peer.api.media.TrackChoice}. 1.4: image subtitles drawn into the pictures
 * ({@link org.giggityflix.peer.api.media.FrameReader#burnInSubtitles}). 1.5:
 * {@link org.giggityflix.peer.api.media.FrameSource#prepare()} (a default method) loads what opening needs ahead of
 * the first file.
 */
@org.osgi.annotation.versioning.Version("1.5.0")
package org.giggityflix.peer.api.media;
