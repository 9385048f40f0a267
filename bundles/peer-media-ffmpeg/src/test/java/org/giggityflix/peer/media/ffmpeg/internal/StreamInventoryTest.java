package org.giggityflix.peer.media.ffmpeg.internal;

import static org.giggityflix.peer.media.ffmpeg.internal.CliMedia.PICTURE;
import static org.giggityflix.peer.media.ffmpeg.internal.CliMedia.ffmpeg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.giggityflix.peer.api.catalog.HdrTransfer;
import org.giggityflix.peer.api.catalog.MediaMetadata;
import org.giggityflix.peer.api.catalog.MediaStream;
import org.giggityflix.peer.api.catalog.StreamKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code StreamInventoryTest} is responsible for proving that the probe lists every stream of files made the way
 * phones, cameras and release groups make them (by the {@code ffmpeg} command), with the values the file states:
 * display size after rotation and pixel shape, languages, titles and flags, bit depth and HDR transfer; and that
 * odd or inconsistent files are recorded as they are, not refused.
 */
class StreamInventoryTest {

    private static final String[] H264 = {"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"};
    private static final String[] TONE = {"-f", "lavfi", "-i", "sine=frequency=440:duration=0.4"};

    @TempDir
    Path dir;

    private final FfmpegMediaProbe probe = new FfmpegMediaProbe();

    /**
     * What a phone films in portrait: stored 320x180 (landscape), a display matrix of a quarter turn. ffmpeg 5.1's
     * {@code rotate=90} on a stream copy writes a matrix of 90 degrees <em>counter-clockwise</em> (its own ffprobe
     * prints {@code rotation=90}, and its autorotate turns the picture counter-clockwise): 270 clockwise.
     */
    private Path phoneClip(String name) throws IOException {
        Path stored = ffmpeg(dir.resolve(name + "-stored.mp4"), concat(new String[] {"-f", "lavfi", "-i", PICTURE},
                TONE, H264, new String[] {"-c:a", "aac", "-shortest"}));
        return ffmpeg(dir.resolve(name + ".mov"), "-i", stored.toString(), "-c", "copy",
                "-metadata:s:v:0", "rotate=90");
    }

    @Test
    void aPhoneClipRotatedAQuarterTurnIsDisplayedPortrait() throws IOException {
        MediaMetadata metadata = probe.probe(phoneClip("phone"));

        assertEquals(180, metadata.width(), "displayed width");
        assertEquals(320, metadata.height(), "displayed height");
        MediaStream video = metadata.mainVideo().orElseThrow();
        assertEquals(320, video.codedWidth());
        assertEquals(180, video.codedHeight());
        assertEquals(180, video.width());
        assertEquals(320, video.height());
        assertEquals(270, video.rotation());
        assertFalse(video.flipped());
        assertEquals("h264", video.codec());
        assertEquals("yuv420p", video.pixelFormat());
        assertEquals(8, video.bitDepth());
        assertEquals(HdrTransfer.SDR, video.hdr());
        assertEquals(30.0, video.frameRate(), 0.01);
        MediaStream audio = metadata.streams(StreamKind.AUDIO).get(0);
        assertEquals("aac", audio.codec());
        assertEquals("LC", audio.profile());
        assertEquals(1, audio.channels());
        assertEquals("mono", audio.channelLayout());
        assertEquals(44_100, audio.sampleRate());
        assertNull(audio.rotation(), "rotation is a video fact");
        assertNull(audio.width());
    }

    /** The matrices as phones write them (an iPhone filming portrait: 0, 1, -1, 0 = 90 degrees clockwise). */
    @Test
    void everyQuarterTurnAndAMirrorAreRead() throws IOException {
        Path stored = ffmpeg(dir.resolve("turns.mp4"), concat(new String[] {"-f", "lavfi", "-i", PICTURE}, H264));
        for (int degrees : new int[] {0, 90, 180, 270}) {
            for (boolean mirrored : new boolean[] {false, true}) {
                Path file = ffmpeg(dir.resolve("turn-" + degrees + "-" + mirrored + ".mp4"),
                        "-i", stored.toString(), "-c", "copy");
                CliMedia.displayMatrix(file, 0, degrees, mirrored);

                MediaStream video = probe.probe(file).mainVideo().orElseThrow();

                String what = degrees + (mirrored ? " mirrored" : "");
                assertEquals(degrees, video.rotation(), what);
                assertEquals(mirrored, video.flipped(), what);
                boolean portrait = degrees == 90 || degrees == 270;
                assertEquals(portrait ? 180 : 320, video.width(), what);
                assertEquals(portrait ? 320 : 180, video.height(), what);
            }
        }
    }

    @Test
    void anOddDisplayAngleIsRoundedWhenNearlyRightAndOtherwiseShownAsStored() throws IOException {
        Path stored = ffmpeg(dir.resolve("odd.mp4"), concat(new String[] {"-f", "lavfi", "-i", PICTURE}, H264));
        Path nearly = CliMedia.displayMatrix(
                ffmpeg(dir.resolve("odd-91.mp4"), "-i", stored.toString(), "-c", "copy"), 0, 91, false);
        Path diagonal = CliMedia.displayMatrix(
                ffmpeg(dir.resolve("odd-45.mp4"), "-i", stored.toString(), "-c", "copy"), 0, 45, false);

        MediaMetadata nearlyRight = probe.probe(nearly);
        MediaMetadata askew = probe.probe(diagonal);

        assertEquals(90, nearlyRight.mainVideo().orElseThrow().rotation());
        assertEquals(180, nearlyRight.width());
        assertEquals(0, askew.mainVideo().orElseThrow().rotation(), "45 degrees: no quarter turn, shown as stored");
        assertEquals(320, askew.width());
        assertEquals(180, askew.height());
    }

    @Test
    void aRotationOnAFileWithoutVideoIsIgnored() throws IOException {
        Path audioOnly = ffmpeg(dir.resolve("voice.mp4"), concat(TONE, new String[] {"-c:a", "aac"}));
        CliMedia.displayMatrix(audioOnly, 0, 90, false);

        MediaMetadata metadata = probe.probe(audioOnly);

        assertEquals(1, metadata.streams().size());
        MediaStream audio = metadata.streams().get(0);
        assertEquals(StreamKind.AUDIO, audio.kind());
        assertNull(audio.rotation());
        assertNull(metadata.width());
        assertNull(metadata.height());
        assertTrue(metadata.mainVideo().isEmpty());
    }

    @Test
    void aFilmWithTwoLanguagesAndSubtitlesListsEveryTrack() throws IOException {
        Path srt = CliMedia.srt(dir.resolve("fr.srt"));
        Path film = ffmpeg(dir.resolve("film.mkv"), "-f", "lavfi", "-i", PICTURE,
                "-f", "lavfi", "-i", "sine=frequency=440:duration=0.4",
                "-f", "lavfi", "-i", "sine=frequency=660:duration=0.4:sample_rate=48000",
                "-i", srt.toString(),
                "-map", "0:v", "-map", "1:a", "-map", "2:a", "-map", "3:s",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-ac:a:1", "6", "-c:s", "srt",
                "-metadata:s:a:0", "language=eng", "-metadata:s:a:0", "title=English",
                "-metadata:s:a:1", "language=fre", "-metadata:s:a:1", "title=Français 5.1",
                "-metadata:s:s:0", "language=fre", "-metadata:s:s:0", "title=Forced",
                "-disposition:a:0", "default", "-disposition:a:1", "0", "-disposition:s:0", "forced");

        MediaMetadata metadata = probe.probe(film);

        List<MediaStream> streams = metadata.streams();
        assertEquals(4, streams.size());
        assertEquals(List.of(StreamKind.VIDEO, StreamKind.AUDIO, StreamKind.AUDIO, StreamKind.SUBTITLE),
                streams.stream().map(MediaStream::kind).toList());
        for (int i = 0; i < streams.size(); i++) {
            assertEquals(i, streams.get(i).index());
        }
        MediaStream english = streams.get(1);
        assertEquals("eng", english.language());
        assertEquals("English", english.title());
        assertTrue(english.defaultTrack());
        assertFalse(english.forced());
        assertEquals(1, english.channels());
        assertEquals(44_100, english.sampleRate());
        MediaStream french = streams.get(2);
        assertEquals("fre", french.language());
        assertEquals("Français 5.1", french.title());
        assertFalse(french.defaultTrack());
        assertEquals(6, french.channels());
        assertEquals("5.1", french.channelLayout());
        assertEquals(48_000, french.sampleRate());
        MediaStream subtitle = streams.get(3);
        assertEquals("subrip", subtitle.codec());
        assertEquals("fre", subtitle.language());
        assertTrue(subtitle.forced());
        assertNull(streams.get(0).language(), "no language stated: null, not 'und'");
        assertEquals("aac", metadata.audioCodec());
        assertEquals("matroska", metadata.container());
    }

    @Test
    void hevcTenBitIsMain10AtTenBits() throws IOException {
        Path hevc = ffmpeg(dir.resolve("hevc10.mkv"), "-f", "lavfi", "-i", PICTURE, "-c:v", "libx265",
                "-preset", "ultrafast", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le");

        MediaStream video = probe.probe(hevc).mainVideo().orElseThrow();

        assertEquals("hevc", video.codec());
        assertEquals("Main 10", video.profile());
        assertEquals("yuv420p10le", video.pixelFormat());
        assertEquals(10, video.bitDepth());
        assertEquals(HdrTransfer.SDR, video.hdr());
    }

    @Test
    void pqAndHlgTransfersAreHdr() throws IOException {
        for (String[] transfer : new String[][] {{"smpte2084", "PQ"}, {"arib-std-b67", "HLG"}}) {
            Path hdr = ffmpeg(dir.resolve("hdr-" + transfer[1] + ".mkv"), "-f", "lavfi", "-i", PICTURE,
                    "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error",
                    "-pix_fmt", "yuv420p10le", "-color_trc", transfer[0], "-color_primaries", "bt2020",
                    "-colorspace", "bt2020nc");

            MediaStream video = probe.probe(hdr).mainVideo().orElseThrow();

            assertEquals(HdrTransfer.valueOf(transfer[1]), video.hdr(), transfer[0]);
            assertTrue(video.isHdr());
            assertEquals(10, video.bitDepth());
        }
    }

    @Test
    void inconsistentHdrIsRecordedAsTheFileStatesIt() throws IOException {
        Path pqAt8Bits = ffmpeg(dir.resolve("pq8.mp4"), concat(new String[] {"-f", "lavfi", "-i", PICTURE}, H264,
                new String[] {"-color_trc", "smpte2084", "-color_primaries", "bt2020", "-colorspace", "bt2020nc"}));
        Path masteringWithoutPq = ffmpeg(dir.resolve("mastering-sdr.mkv"), "-f", "lavfi", "-i", PICTURE,
                "-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p10le", "-x265-params",
                "log-level=error:master-display=G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)"
                        + "L(10000000,1):max-cll=1000,400", "-color_trc", "bt709");

        MediaStream pq = probe.probe(pqAt8Bits).mainVideo().orElseThrow();
        MediaStream sdr = probe.probe(masteringWithoutPq).mainVideo().orElseThrow();

        assertEquals(HdrTransfer.PQ, pq.hdr());
        assertEquals(8, pq.bitDepth());
        assertEquals(HdrTransfer.SDR, sdr.hdr());
        assertEquals(10, sdr.bitDepth());
    }

    @Test
    void vp9AndAv1AreRead() throws IOException {
        Path vp9 = ffmpeg(dir.resolve("vp9.webm"), "-f", "lavfi", "-i", PICTURE, "-c:v", "libvpx-vp9", "-pix_fmt", "yuv420p",
                "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k");
        Path av1 = ffmpeg(dir.resolve("av1.mkv"), "-f", "lavfi", "-i", PICTURE, "-c:v", "libsvtav1",
                "-pix_fmt", "yuv420p", "-preset", "12");

        MediaMetadata vp9Metadata = probe.probe(vp9);
        MediaMetadata av1Metadata = probe.probe(av1);

        assertEquals("vp9", vp9Metadata.videoCodec());
        assertEquals("Profile 0", vp9Metadata.mainVideo().orElseThrow().profile());
        assertEquals(320, vp9Metadata.width());
        assertEquals("webm", vp9Metadata.container());
        assertEquals("av1", av1Metadata.videoCodec());
        assertEquals("Main", av1Metadata.mainVideo().orElseThrow().profile());
        assertEquals(180, av1Metadata.height());
    }

    @Test
    void anamorphicPixelsAreDisplayedWider() throws IOException {
        Path dvd = ffmpeg(dir.resolve("anamorphic.mkv"), concat(
                new String[] {"-f", "lavfi", "-i", "testsrc=size=352x288:rate=25:duration=0.2", "-vf", "setsar=12/11"},
                H264));

        MediaStream video = probe.probe(dvd).mainVideo().orElseThrow();

        assertEquals("12:11", video.sampleAspectRatio());
        assertEquals(352, video.codedWidth());
        assertEquals(384, video.width());
        assertEquals(288, video.height());
    }

    @Test
    void thirtyAudioTracksAreAllListed() throws IOException {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", PICTURE, "-f", "lavfi", "-i",
                "sine=frequency=300:duration=0.4", "-map", "0:v"));
        for (int i = 0; i < 30; i++) {
            args.addAll(List.of("-map", "1:a", "-metadata:s:a:" + i, "language=" + (i % 2 == 0 ? "eng" : "ger"),
                    "-metadata:s:a:" + i, "title=Track " + (i + 1)));
        }
        args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "pcm_s16le"));
        Path many = ffmpeg(dir.resolve("many.mkv"), args.toArray(String[]::new));

        MediaMetadata metadata = probe.probe(many);

        List<MediaStream> audio = metadata.streams(StreamKind.AUDIO);
        assertEquals(30, audio.size());
        assertEquals("Track 30", audio.get(29).title());
        assertEquals(30, audio.get(29).index());
        assertEquals("ger", audio.get(29).language());
        assertEquals("pcm_s16le", metadata.audioCodec());
    }

    @Test
    void aSubtitleInACodecFfmpegDoesNotKnowIsStillListed() throws IOException {
        Path srt = CliMedia.srt(dir.resolve("odd.srt"));
        Path file = ffmpeg(dir.resolve("odd-subtitle.mkv"), concat(new String[] {"-f", "lavfi", "-i", PICTURE,
                "-i", srt.toString(), "-map", "0:v", "-map", "1:s", "-metadata:s:s:0", "language=ger"}, H264,
                new String[] {"-c:s", "srt"}));
        CliMedia.replaceBytes(file, "S_TEXT/UTF8", "S_TEXT/QXYZ");

        MediaMetadata metadata = probe.probe(file);

        assertEquals(2, metadata.streams().size());
        MediaStream subtitle = metadata.streams().get(1);
        assertEquals(StreamKind.SUBTITLE, subtitle.kind());
        assertNull(subtitle.codec(), "a codec FFmpeg does not know is unknown, not 'none'");
        assertEquals("ger", subtitle.language());
        assertEquals(320, metadata.width());
    }

    private static String[] concat(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] part : parts) {
            all.addAll(List.of(part));
        }
        return all.toArray(String[]::new);
    }
}
