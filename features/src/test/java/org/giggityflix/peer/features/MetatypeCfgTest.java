package org.giggityflix.peer.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * {@code MetatypeCfgTest} is responsible for proving that a bundle's metatype XML, as bnd writes it, becomes a
 * {@code .cfg} an owner can read, where every key is commented out with its default, and that removing the '#' of a
 * line gives exactly the default the metatype declares (so the file documents and the metatype decides).
 */
class MetatypeCfgTest {

    /** Shaped like peer-web's and peer-stream-webrtc's: options, a multi-valued list, a password with a default. */
    static final String METATYPE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.2.0" localization="OSGI-INF/l10n/x">
              <OCD id="org.example.internal.Config" name="Example streaming" description="Streams files &amp; more to &lt;browsers&gt;.">
                <AD id="stunServers" type="String" name="Stun servers" description="STUN servers, comma list" default="stun:stun.l.google.com:19302"/>
                <AD id="hashAlgorithms" type="String" name="Hash algorithms" description="Computed for every file." default="md5\\,sha1"/>
                <AD id="turnPassword" type="Password" name="Turn password" description="TURN password" default="hunter2"/>
                <AD id="maxSessions" type="Integer" name="Max sessions" description="Sessions at once." min="1" max="64" default="3"/>
                <AD id="scanIntervalMinutes" type="Integer" name="Scan interval (minutes)" description="0 turns them off." min="0" default="60"/>
                <AD id="watch" type="Boolean" name="Watch folders" description="inotify" default="true"/>
                <AD id="homeNetworks" type="String" cardinality="2147483647" name="Home networks" description="CIDR ranges." default="127.0.0.0/8,::1/128, 10.0.0.0/8"/>
                <AD id="trustedProxies" type="String" cardinality="2147483647" required="false" name="Trusted proxies" description="None by default." default=""/>
                <AD id="description" type="String" name="Description" description="Label on the router." default="Giggityflix\\ peer"/>
                <AD id="dataDir" type="String" name="Data folder" description="DATA_DIR" default="${user.home}/.giggityflix"/>
                <AD id="windowsPath" type="String" name="A Windows path" description="backslashes" default="C:\\\\media"/>
                <AD id="service.ranking" type="Integer" name="Service ranking" description="Higher wins." default="0"/>
                <AD id="degradationPreference" type="String" name="Degradation preference" description="What a stream gives up first." default="balanced">
                  <Option label="balanced" value="balanced"/>
                  <Option label="maintain-framerate (sport)" value="maintain-framerate"/>
                  <Option label="Keep the resolution" value="maintain-resolution"/>
                </AD>
              </OCD>
              <Designate pid="org.example.stream">
                <Object ocdref="org.example.internal.Config"/>
              </Designate>
              <Designate factoryPid="org.example.factory">
                <Object ocdref="org.example.internal.Config"/>
              </Designate>
            </metatype:MetaData>
            """;

    static List<MetatypeCfg.Designated> read(String xml) throws IOException {
        return MetatypeCfg.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String cfg() throws IOException {
        List<MetatypeCfg.Designated> designated = read(METATYPE);
        assertEquals(1, designated.size(), "the factory designate gets no file");
        return MetatypeCfg.cfg(designated.get(0), "the Karaf feature peer-example (bundle peer-example)");
    }

    /** The file's text with the '#' of each key line removed, read as Java properties (as Karaf reads a .cfg). */
    static Properties uncommented(String cfg) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(cfg.lines().map(l -> l.matches("#[^ #].*") ? l.substring(1) : l)
                .collect(Collectors.joining("\n"))));
        return props;
    }

    @Test
    void everyKeyIsCommentedOutSoTheMetatypeDefaultsApply() throws IOException {
        Properties asShipped = new Properties();
        asShipped.load(new StringReader(cfg()));
        assertTrue(asShipped.isEmpty(), "a shipped key would be a second place for its default: " + asShipped);
    }

    @Test
    void removingTheHashGivesTheMetatypeDefault() throws IOException {
        Properties props = uncommented(cfg());
        assertEquals("stun:stun.l.google.com:19302", props.getProperty("stunServers"));
        assertEquals("md5,sha1", props.getProperty("hashAlgorithms"), "an escaped comma is part of the one value");
        assertEquals("3", props.getProperty("maxSessions"));
        assertEquals("60", props.getProperty("scanIntervalMinutes"));
        assertEquals("true", props.getProperty("watch"));
        assertEquals("127.0.0.0/8,::1/128,10.0.0.0/8", props.getProperty("homeNetworks"),
                "a multi-valued default is written as one comma list, each value trimmed");
        assertEquals("", props.getProperty("trustedProxies"));
        assertEquals("Giggityflix peer", props.getProperty("description"));
        assertEquals("${user.home}/.giggityflix", props.getProperty("dataDir"), "Karaf expands it when read");
        assertEquals("C:\\media", props.getProperty("windowsPath"));
        assertEquals("0", props.getProperty("service.ranking"));
        assertEquals("balanced", props.getProperty("degradationPreference"));
        assertEquals(13, props.size(), props.toString());
    }

    @Test
    void aPasswordsDefaultIsNeverWritten() throws IOException {
        String cfg = cfg();
        assertFalse(cfg.contains("hunter2"), cfg);
        assertTrue(cfg.contains("\n#turnPassword =\n"), cfg);
        assertEquals("", uncommented(cfg).getProperty("turnPassword"));
    }

    @Test
    void eachKeyIsDocumentedByNameDescriptionTypeAndAllowedValues() throws IOException {
        String cfg = cfg();
        assertTrue(cfg.startsWith("# Example streaming (PID org.example.stream)\n"
                + "# Streams files & more to <browsers>.\n#\n# Shipped by the Karaf feature peer-example "), cfg);
        assertTrue(cfg.contains("which applies as long as the key stays commented"), cfg);
        assertTrue(cfg.contains("\n\n# Max sessions\n# Sessions at once.\n# Integer, from 1 to 64\n#maxSessions = 3\n"),
                cfg);
        assertTrue(cfg.contains("\n# Integer, at least 0\n#scanIntervalMinutes = 60\n"), cfg);
        assertTrue(cfg.contains("\n# Boolean: true or false\n#watch = true\n"), cfg);
        assertTrue(cfg.contains("\n# String, several values separated by commas\n#homeNetworks = "), cfg);
        assertTrue(cfg.contains("\n# Password: a secret, so its default is never written here"), cfg);
        assertTrue(cfg.contains("\n# String, one of:\n#   balanced\n#   maintain-framerate (sport)\n"
                + "#   maintain-resolution (Keep the resolution)\n#degradationPreference = balanced\n"), cfg);
    }

    @Test
    void longTextIsWrappedIntoCommentLines() throws IOException {
        String description = "word ".repeat(60).trim();
        String xml = METATYPE.replace("description=\"Sessions at once.\"", "description=\"" + description + "\"");
        String cfg = MetatypeCfg.cfg(read(xml).get(0), "x");
        cfg.lines().forEach(line -> assertTrue(line.length() <= 110, "too long: " + line));
        assertTrue(cfg.lines().allMatch(line -> line.isEmpty() || line.startsWith("#")), cfg);
    }

    @Test
    void metatypeDefaultsFollowTheSpecsEscapes() {
        assertEquals(List.of("a,b"), MetatypeCfg.defaults("a\\,b"));
        assertEquals(List.of("a", "b"), MetatypeCfg.defaults(" a , b "));
        assertEquals(List.of(" a"), MetatypeCfg.defaults("\\ a"));
        assertEquals(List.of("a\\b"), MetatypeCfg.defaults("a\\\\b"));
        assertEquals(List.of(), MetatypeCfg.defaults(""));
    }

    @Test
    void aDocumentThatIsNotMetatypeFailsWithItsReason() {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> read("<not xml"));
        assertTrue(e.getMessage().startsWith("not a metatype document"), e.getMessage());
    }
}
