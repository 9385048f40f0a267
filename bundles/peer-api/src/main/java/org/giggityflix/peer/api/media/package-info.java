/** Codecs as plugins: probing metadata and capturing frames. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.giggityflix.peer.api.media;
