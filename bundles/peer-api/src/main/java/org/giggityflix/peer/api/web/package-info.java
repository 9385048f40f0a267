/** The peer's web context: how other bundles put servlets behind the owner's sign-in. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.giggityflix.peer.api.web;
