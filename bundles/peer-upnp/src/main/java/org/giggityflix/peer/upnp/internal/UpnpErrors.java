package org.giggityflix.peer.upnp.internal;

import java.util.Map;

/**
 * {@code UpnpErrors} is responsible for naming the error codes a gateway answers with (UPnP Device Architecture
 * and the WANIPConnection service), so a refusal reads "718 ConflictInMappingEntry" even when the gateway sends
 * only the number.
 */
final class UpnpErrors {

    static final int ONLY_PERMANENT_LEASES = 725;
    static final int NO_SUCH_ENTRY = 714;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(401, "InvalidAction"),
            Map.entry(402, "InvalidArgs"),
            Map.entry(501, "ActionFailed"),
            Map.entry(600, "ArgumentValueInvalid"),
            Map.entry(601, "ArgumentValueOutOfRange"),
            Map.entry(602, "OptionalActionNotImplemented"),
            Map.entry(606, "ActionNotAuthorized"),
            Map.entry(714, "NoSuchEntryInArray"),
            Map.entry(715, "WildCardNotPermittedInSrcIP"),
            Map.entry(716, "WildCardNotPermittedInExtPort"),
            Map.entry(718, "ConflictInMappingEntry"),
            Map.entry(724, "SamePortValuesRequired"),
            Map.entry(725, "OnlyPermanentLeasesSupported"),
            Map.entry(726, "RemoteHostOnlySupportsWildcard"),
            Map.entry(727, "ExternalPortOnlySupportsWildcard"),
            Map.entry(728, "NoPortMapsAvailable"),
            Map.entry(729, "ConflictWithOtherMechanisms"),
            Map.entry(732, "WildCardNotPermittedInIntPort"));

    private UpnpErrors() {
    }

    /** "718 ConflictInMappingEntry"; the gateway's own words when the code is unknown. */
    static String describe(int code, String gatewayText) {
        String name = NAMES.get(code);
        if (name == null) {
            name = gatewayText == null || gatewayText.isBlank() ? "unknown error" : SsdpMessages.first(gatewayText);
        }
        return code + " " + name;
    }
}
