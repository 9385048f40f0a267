/** Hash algorithms as plugins, and hashing a file once for all of them. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.giggityflix.peer.api.hash;
