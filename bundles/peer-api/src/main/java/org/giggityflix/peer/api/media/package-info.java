/** Codecs as plugins: probing metadata, capturing frames and reading text subtitles. */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.giggityflix.peer.api.media;
