/** Who this peer is and where it keeps its memory. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.giggityflix.peer.api;
