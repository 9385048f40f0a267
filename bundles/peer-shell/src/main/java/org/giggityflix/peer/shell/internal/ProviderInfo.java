package org.giggityflix.peer.shell.internal;

/**
 * {@code ProviderInfo} is responsible for describing one plugin service as {@code peer:providers} lists it.
 *
 * @param type     the service interface's simple name, e.g. {@code HashProvider}
 * @param name     algorithm, transport name or handled extensions
 * @param ranking  {@code service.ranking}, 0 when absent
 * @param bundle   symbolic name of the bundle that registered it
 * @param bundleId that bundle's id
 * @param version  that bundle's version
 */
record ProviderInfo(String type, String name, int ranking, String bundle, long bundleId, String version) {
}
