/** The peer's web context (how other bundles put servlets behind the owner's sign-in) and how the web server is reached ({@link WebAccess}, since 1.1). */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.giggityflix.peer.api.web;
