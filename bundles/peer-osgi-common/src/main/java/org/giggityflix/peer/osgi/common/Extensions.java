package org.giggityflix.peer.osgi.common;

import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code Extensions} is responsible for the one rule by which a file finds the codec services that handle it: its
 * extension, lower case with the dot, matched without regard to case against the extensions a service says it
 * handles; a service that fails to answer (or answers nothing) handles nothing, so one broken codec bundle never
 * stops the others from being chosen.
 */
public final class Extensions {

    private Extensions() {
    }

    /** {@code .mkv} for {@code Film.MKV}; empty when the name has no dot. */
    public static String of(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code service} handles {@code extension}, asking it through {@code extensions} (for example
     * {@code FrameSource::extensions}); false when it throws or answers null.
     */
    public static <T> boolean handledBy(T service, Function<? super T, Set<String>> extensions, String extension) {
        try {
            Set<String> handled = extensions.apply(service);
            return handled != null && handled.stream().anyMatch(extension::equalsIgnoreCase);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
