package org.giggityflix.peer.media.ffmpeg.internal;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.javacpp.IntPointer;

/**
 * {@code DisplayRotation} is responsible for turning a video stream's display matrix (the rotation and mirroring a
 * phone writes instead of turning the pixels) into the libavfilter steps that make its pictures upright, the way the
 * ffmpeg command line's autorotation does: 90/180/270 degrees by {@code transpose}/{@code hflip}/{@code vflip},
 * mirrored matrices included. An angle that is not a right angle is taken to the nearest right angle.
 *
 * @param degrees clockwise turn that makes the picture upright: 0, 90, 180 or 270
 * @param filters the libavfilter steps doing it (comma separated), empty when the picture is upright already
 */
record DisplayRotation(int degrees, String filters) {

    static final DisplayRotation NONE = new DisplayRotation(0, "");

    /** The rotation of {@code parameters}' display matrix, {@link #NONE} without one. */
    static DisplayRotation of(AVCodecParameters parameters) {
        AVPacketSideData side = av_packet_side_data_get(parameters.coded_side_data(),
                parameters.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (side == null || side.isNull() || side.size() < 9 * 4) {
            return NONE;
        }
        int[] matrix = new int[9];
        new IntPointer(side.data()).capacity(9).get(matrix);
        return of(matrix);
    }

    /** The rotation of a 3x3 display matrix in FFmpeg's layout (16.16 fixed point, row major). */
    static DisplayRotation of(int[] matrix) {
        double angle = av_display_rotation_get(matrix);
        if (Double.isNaN(angle)) {
            return NONE;
        }
        // The command line's get_rotation(): the clockwise turn, in [0, 360).
        double theta = -Math.round(angle);
        theta -= 360 * Math.floor(theta / 360 + 0.9 / 360);
        int degrees = (int) (Math.round(theta / 90.0) * 90) % 360;
        // fftools' choice of filters, mirrored matrices included (the signs of the matrix's entries say which flip).
        List<String> steps = new ArrayList<>();
        switch (degrees) {
            case 90 -> steps.add(matrix[3] > 0 ? "transpose=cclock_flip" : "transpose=clock");
            case 180 -> {
                if (matrix[0] < 0) {
                    steps.add("hflip");
                }
                if (matrix[4] < 0) {
                    steps.add("vflip");
                }
            }
            case 270 -> steps.add(matrix[3] < 0 ? "transpose=clock_flip" : "transpose=cclock");
            default -> {
                if (matrix[4] < 0) {
                    steps.add("vflip");
                }
            }
        }
        return new DisplayRotation(degrees, String.join(",", steps));
    }

    /** Whether pictures come out with width and height swapped. */
    boolean swapsSides() {
        return degrees == 90 || degrees == 270;
    }

    /**
     * Where the pixel at ({@code x}, {@code y}) of a stored picture of {@code width}×{@code height} lands in the
     * upright picture, as the {@link #filters()} move it: {@code {x, y}} there.
     */
    int[] upright(int x, int y, int width, int height) {
        int px = x;
        int py = y;
        int w = width;
        int h = height;
        for (String step : steps()) {
            int nx;
            int ny;
            switch (step) {
                case "transpose=clock" -> { nx = h - 1 - py; ny = px; }
                case "transpose=cclock" -> { nx = py; ny = w - 1 - px; }
                case "transpose=cclock_flip" -> { nx = py; ny = px; }
                case "transpose=clock_flip" -> { nx = h - 1 - py; ny = w - 1 - px; }
                case "hflip" -> { nx = w - 1 - px; ny = py; }
                case "vflip" -> { nx = px; ny = h - 1 - py; }
                default -> throw new IllegalStateException("unknown rotation step " + step);
            }
            if (step.startsWith("transpose")) {
                int t = w;
                w = h;
                h = t;
            }
            px = nx;
            py = ny;
        }
        return new int[] {px, py};
    }

    /**
     * Where the pixel at ({@code x}, {@code y}) of the upright picture of {@code width}×{@code height} comes from
     * in the stored picture: the inverse of {@link #upright}.
     */
    int[] stored(int x, int y, int width, int height) {
        List<String> steps = steps();
        int px = x;
        int py = y;
        int w = width;
        int h = height;
        for (int i = steps.size() - 1; i >= 0; i--) {
            String step = steps.get(i);
            // w and h are this step's output; its input has them swapped for a transpose.
            int nx;
            int ny;
            switch (step) {
                case "transpose=clock" -> { nx = py; ny = w - 1 - px; }
                case "transpose=cclock" -> { nx = h - 1 - py; ny = px; }
                case "transpose=cclock_flip" -> { nx = py; ny = px; }
                case "transpose=clock_flip" -> { nx = h - 1 - py; ny = w - 1 - px; }
                case "hflip" -> { nx = w - 1 - px; ny = py; }
                case "vflip" -> { nx = px; ny = h - 1 - py; }
                default -> throw new IllegalStateException("unknown rotation step " + step);
            }
            if (step.startsWith("transpose")) {
                int t = w;
                w = h;
                h = t;
            }
            px = nx;
            py = ny;
        }
        return new int[] {px, py};
    }

    private List<String> steps() {
        return filters.isEmpty() ? List.of() : List.of(filters.split(","));
    }
}
