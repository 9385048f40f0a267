package org.giggityflix.peer.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

/**
 * {@code MovedCommandsTest} is responsible for proving that the earlier spellings ({@code peer:media list ...})
 * run nothing and fail naming the command to type instead, options moved before the arguments.
 */
class MovedCommandsTest {

    private static String moved(String old, String... words) {
        return MovedCommands.moved(old, List.of(words)).getNiceHelp();
    }

    private static String executed(Action command) {
        return assertThrows(CommandException.class, command::execute).getNiceHelp();
    }

    @Test
    void eachOldCommandRunsNothingAndFails() {
        MediaMovedCommand media = new MediaMovedCommand();
        media.words = List.of("show", "42");
        assertTrue(executed(media).startsWith("peer:media show is now peer:media-show 42;"));
        StreamMovedCommand stream = new StreamMovedCommand();
        assertTrue(executed(stream).startsWith("peer:stream list is now peer:stream-list;"));
        EdgeMovedCommand edge = new EdgeMovedCommand();
        edge.words = List.of("reconnect");
        assertTrue(executed(edge).startsWith("peer:edge reconnect is now peer:edge-reconnect;"));
        TokenMovedCommand token = new TokenMovedCommand();
        token.words = List.of("revoke", "old");
        assertTrue(executed(token).startsWith("peer:token revoke is now peer:token-revoke old;"));
    }

    @Test
    void eachOldFormNamesItsNewCommand() {
        assertEquals("peer:media list is now peer:media-list --limit 5 --search holiday (options before the"
                        + " arguments, as every Karaf command reads them); help peer:media-list shows its options."
                        + " Nothing was run.",
                moved("media", "list", "--limit", "5", "--search", "holiday"));
        assertEquals("peer:media show is now peer:media-show 42; help peer:media-show shows its options."
                + " Nothing was run.", moved("media", "show", "42"));
        assertEquals("peer:stream stop is now peer:stream-stop s-1; help peer:stream-stop shows its options."
                + " Nothing was run.", moved("stream", "stop", "s-1"));
        assertEquals("peer:token add is now peer:token-add --read-only prometheus (options before the arguments,"
                        + " as every Karaf command reads them); help peer:token-add shows its options. Nothing was run.",
                moved("token", "add", "prometheus", "--read-only"));
    }

    @Test
    void withoutAnActionTheOldDefaultIsNamed() {
        assertEquals("peer:edge status is now peer:edge-status; help peer:edge-status shows its options."
                + " Nothing was run.", moved("edge"));
        assertEquals("peer:stream list is now peer:stream-list; help peer:stream-list shows its options."
                + " Nothing was run.", moved("stream"));
    }

    @Test
    void anUnknownActionListsTheNewCommands() {
        assertEquals("peer:edge is now one command per action: peer:edge-status, peer:edge-reconnect,"
                + " peer:edge-disconnect (help peer:edge-status shows its options).",
                moved("edge", "explode"));
    }
}
