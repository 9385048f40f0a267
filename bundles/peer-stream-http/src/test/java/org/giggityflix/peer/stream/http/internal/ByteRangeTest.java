package org.giggityflix.peer.stream.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Proves Range headers are read as RFC 9110 says: one range served, beyond the end refused, nonsense ignored. */
class ByteRangeTest {

    private static void expect(String header, long length, ByteRange.Kind kind, long first, long last) {
        ByteRange r = ByteRange.parse(header, length);
        assertEquals(kind, r.kind(), header);
        if (kind != ByteRange.Kind.UNSATISFIABLE) {
            assertEquals(first, r.first(), header);
            assertEquals(last, r.last(), header);
        }
    }

    @Test
    void satisfiableRanges() {
        expect("bytes=0-99", 1000, ByteRange.Kind.PARTIAL, 0, 99);
        expect("bytes=500-", 1000, ByteRange.Kind.PARTIAL, 500, 999);
        expect("bytes=-100", 1000, ByteRange.Kind.PARTIAL, 900, 999);
        expect("bytes=-5000", 1000, ByteRange.Kind.PARTIAL, 0, 999);
        expect("bytes=990-5000", 1000, ByteRange.Kind.PARTIAL, 990, 999);
        expect(" bytes = 7 - 7 ", 1000, ByteRange.Kind.PARTIAL, 7, 7);
    }

    @Test
    void beyondTheEndIsUnsatisfiable() {
        expect("bytes=1000-", 1000, ByteRange.Kind.UNSATISFIABLE, 0, 0);
        expect("bytes=5000-6000", 1000, ByteRange.Kind.UNSATISFIABLE, 0, 0);
        expect("bytes=-0", 1000, ByteRange.Kind.UNSATISFIABLE, 0, 0);
        expect("bytes=0-", 0, ByteRange.Kind.UNSATISFIABLE, 0, 0);
    }

    @Test
    void malformedOrUnsupportedHeadersAreIgnored() {
        for (String header : new String[] {null, "", "bytes=", "bytes=-", "bytes=abc", "items=0-9", "bytes=9-3",
                "bytes=0-1,5-6", "bytes=99999999999999999999-", "0-99", "bytes=0x10-20"}) {
            expect(header, 1000, ByteRange.Kind.WHOLE, 0, 999);
        }
    }
}
