/** The peer's link to its Edge server: state and control, for the shell and the web UI. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.giggityflix.peer.api.edge;
