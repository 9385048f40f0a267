package org.giggityflix.peer.api.catalog;

/**
 * The transfer characteristic of a video stream, as far as a player has to care: standard dynamic range, or one of
 * the two high-dynamic-range curves that need tone mapping on an SDR screen.
 *
 * @since 1.8
 */
public enum HdrTransfer {
    /** Standard dynamic range (BT.709, BT.601, sRGB, or no transfer stated). */
    SDR,
    /** Perceptual quantizer, SMPTE ST 2084 (HDR10, HDR10+, most Dolby Vision profiles). */
    PQ,
    /** Hybrid log-gamma, ARIB STD-B67 (broadcast HDR, many phones). */
    HLG
}
