package org.giggityflix.peer.upnp.internal;

import java.net.InetAddress;
import java.net.URI;

/**
 * {@code SsdpAnswer} is responsible for one gateway's answer to an M-SEARCH, checked.
 *
 * @param source   who sent the datagram
 * @param location the device description URL (always on {@code source})
 * @param st       the search target it answered for
 * @param server   the SERVER header (may be empty), for the status line
 */
record SsdpAnswer(InetAddress source, URI location, String st, String server) {
}
