package org.giggityflix.peer.api.scan;

/**
 * Live watching: how many folders are watched and what could not be.
 *
 * @param enabled     whether live watching is on
 * @param watched     folders with an active watch
 * @param unwatched   folders left to periodic rescans (e.g. the inotify limit was reached)
 * @param message     what the owner can do about {@code unwatched}, empty when nothing
 */
public record WatchStatus(boolean enabled, int watched, int unwatched, String message) {
}
