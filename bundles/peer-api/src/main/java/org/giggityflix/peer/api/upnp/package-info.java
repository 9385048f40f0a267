/**
 * Port mapping on the owner's router (UPnP IGD): what is mapped, the router's external address, and why not when
 * it is not, for {@code peer:status} and the web UI.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.giggityflix.peer.api.upnp;
