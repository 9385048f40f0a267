/** Finding files: full and incremental scans, live watching, progress. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.giggityflix.peer.api.scan;
