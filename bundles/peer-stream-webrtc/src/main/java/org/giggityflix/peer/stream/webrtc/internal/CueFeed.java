package org.giggityflix.peer.stream.webrtc.internal;

import java.util.ArrayList;
import java.util.List;

import org.giggityflix.peer.api.media.SubtitleCue;

/**
 * {@code CueFeed} is responsible for handing out one text subtitle stream's cues in step with the pictures: each
 * cue once, when the position reaches its start (a cue that ended meanwhile, skipped by a stall, is not sent); after
 * a seek, from the cues on screen at the new place.
 */
final class CueFeed {

    private final int track;
    private final List<SubtitleCue> cues;
    private int next;

    /** @param cues in start order */
    CueFeed(int track, List<SubtitleCue> cues, long positionMicros) {
        this.track = track;
        this.cues = List.copyOf(cues);
        rewind(positionMicros);
    }

    int track() {
        return track;
    }

    int size() {
        return cues.size();
    }

    /** The cues to show now that the pictures are at {@code positionMicros}: started and not yet ended, not sent. */
    List<SubtitleCue> due(long positionMicros) {
        double at = positionMicros / 1e6;
        List<SubtitleCue> out = new ArrayList<>(1);
        while (next < cues.size() && cues.get(next).startSeconds() <= at) {
            SubtitleCue cue = cues.get(next++);
            if (cue.endSeconds() > at) {
                out.add(cue);
            }
        }
        return out;
    }

    /** The pictures jumped to {@code positionMicros}: the cues on screen there are due again, then the later ones. */
    void rewind(long positionMicros) {
        double at = positionMicros / 1e6;
        next = 0;
        // The first cue not over yet; later ones already over are skipped by due().
        while (next < cues.size() && cues.get(next).endSeconds() <= at) {
            next++;
        }
    }
}
