/** The catalog: what the peer knows about the files in its media folders. */
@org.osgi.annotation.versioning.Version("1.9.0")
package org.giggityflix.peer.api.catalog;
