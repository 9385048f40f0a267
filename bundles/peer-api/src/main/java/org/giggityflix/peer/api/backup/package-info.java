/**
 * Backups of the whole peer: one archive holding a consistent copy of the catalog, the peer's settings and keys, for
 * {@code peer:backup}, scheduled backups and {@code bin/peer restore}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.giggityflix.peer.api.backup;
