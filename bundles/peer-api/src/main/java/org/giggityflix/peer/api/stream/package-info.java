/** Ways to deliver a file to a viewer (WebRTC, HTTP, ...). */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.giggityflix.peer.api.stream;
