package org.giggityflix.peer.upnp.internal;

/**
 * {@code ActionRefusedException} is responsible for a gateway that understood an action and said no, with its
 * UPnP error code (e.g. 718 ConflictInMappingEntry, 606 ActionNotAuthorized).
 */
final class ActionRefusedException extends GatewayException {
    private static final long serialVersionUID = 1L;

    private final int code;

    ActionRefusedException(int code, String gatewayText) {
        super(UpnpErrors.describe(code, gatewayText));
        this.code = code;
    }

    int code() {
        return code;
    }
}
