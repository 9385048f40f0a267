package org.giggityflix.peer.shell.internal;

import static org.giggityflix.peer.shell.internal.StatusCommandTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.giggityflix.peer.api.media.Screenshot;
import org.giggityflix.peer.api.media.ScreenshotException;
import org.giggityflix.peer.api.media.ScreenshotService;
import org.giggityflix.peer.api.media.ScreenshotSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ScreenshotsCommandTest} is responsible for proving {@code peer:screenshots}: the listing, --count, copying
 * with --out, and a sentence for each failure.
 */
class ScreenshotsCommandTest {

    @TempDir
    Path dir;
    private final List<Integer> counts = new ArrayList<>();

    private ScreenshotService service() {
        return (luid, count) -> {
            if (luid != 5) {
                throw new ScreenshotException(ScreenshotException.Reason.NO_SUCH_FILE, "no file " + luid);
            }
            if (count < 1 || count > 50) {
                throw new ScreenshotException(ScreenshotException.Reason.BAD_COUNT, "1 to 50, not " + count);
            }
            counts.add(count);
            try {
                List<Screenshot> shots = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    Path file = Files.writeString(dir.resolve("cache-" + i + ".jpg"), "jpeg" + i);
                    shots.add(new Screenshot(i, 10.0 * (i + 1), 10.0 * (i + 1) + 0.04, 640, 360, 5, file));
                }
                return new ScreenshotSet(luid, shots, counts.size() > 1);
            } catch (IOException e) {
                throw new ScreenshotException(ScreenshotException.Reason.CAPTURE_FAILED, e.toString(), e);
            }
        };
    }

    private ScreenshotsCommand command(String luid) {
        ScreenshotsCommand c = new ScreenshotsCommand();
        c.screenshots = service();
        c.luid = luid;
        return c;
    }

    private ScreenshotsCommand command(String luid, int count) {
        ScreenshotsCommand c = command(luid);
        c.count = count;
        return c;
    }

    @Test
    void listsPositionsSizesAndPaths() {
        String out = Fakes.output(command("5")::run);

        assertEquals(List.of(ScreenshotsCommand.DEFAULT_COUNT), counts);
        assertContains(out, "10.000 s");
        assertContains(out, "10.040 s");
        assertContains(out, "640x360");
        assertContains(out, dir.resolve("cache-4.jpg").toString());
        assertContains(out, "5 screenshot(s) of file 5, captured now.");
    }

    @Test
    void countAndCopy() throws IOException {
        Path target = dir.resolve("out");
        ScreenshotsCommand c = command("5", 3);
        c.out = target.toString();

        String out = Fakes.output(c::run);

        assertEquals(List.of(3), counts);
        assertEquals("jpeg2", Files.readString(target.resolve("screenshot_2.jpg")));
        assertContains(out, "Copied to " + target.toAbsolutePath());
        assertTrue(Fakes.output(command("5", 2)::run).contains("all from the cache"));
    }

    @Test
    void failuresAreSentences() {
        assertContains(Fakes.failure(command("5", 0)::run), "Cannot take that many: 1 to 50, not 0");
        assertContains(Fakes.failure(command("9")::run), "No cataloged file with id 9");
        assertContains(Fakes.failure(command("x")::run), "'x' is not a file id");
        ScreenshotsCommand none = command("5");
        none.screenshots = null;
        assertContains(Fakes.failure(none::run), "install the peer-screenshots feature");
    }
}
