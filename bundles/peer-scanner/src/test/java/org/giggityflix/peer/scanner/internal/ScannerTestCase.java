package org.giggityflix.peer.scanner.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ScannerTestCase} is responsible for the set-up every test of a running scanner shares: a temporary folder
 * per test ({@link #tmp}), a {@link ScannerFixture} whose media root is its {@code media} folder ({@link #fx}), and
 * closing that fixture (scanner and hasher stopped) after the test.
 */
abstract class ScannerTestCase {

    @TempDir
    Path tmp;

    ScannerFixture fx;

    @BeforeEach
    void createFixture() throws IOException {
        fx = new ScannerFixture(tmp.resolve("media"));
    }

    @AfterEach
    void closeFixture() {
        fx.close();
    }
}
