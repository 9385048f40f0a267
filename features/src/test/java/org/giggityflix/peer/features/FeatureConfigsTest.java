package org.giggityflix.peer.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code FeatureConfigsTest} is responsible for proving that each feature of a features file gets the default
 * {@code <config>} of exactly the PIDs its own bundles describe, found in the build's jars, and that a features file
 * the step cannot vouch for (a bundle missing from the build, one PID in two features) fails the build.
 */
class FeatureConfigsTest {

    private static final String GROUP = "org.giggityflix.peer";

    @TempDir
    Path dir;

    private Path jar(String artifactId, String metatype) throws IOException {
        Path jar = dir.resolve(artifactId + "-0.1.0-SNAPSHOT.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("META-INF/maven/" + GROUP + "/" + artifactId + "/pom.properties"));
            zip.write(("groupId=" + GROUP + "\nartifactId=" + artifactId + "\nversion=0.1.0-SNAPSHOT\n")
                    .getBytes(StandardCharsets.UTF_8));
            if (metatype != null) {
                zip.putNextEntry(new ZipEntry("OSGI-INF/metatype/" + artifactId + ".xml"));
                zip.write(metatype.getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private Path features(String body) throws IOException {
        Path file = dir.resolve("feature.xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <features xmlns="http://karaf.apache.org/xmlns/features/v1.6.0" name="test">
                """ + body + "</features>\n");
        return file;
    }

    private static List<Element> configs(Element feature) {
        return MetatypeCfg.children(feature, "config");
    }

    @Test
    void theFeatureListingTheBundleGetsItsPidsConfig() throws Exception {
        Path example = jar("peer-example", MetatypeCfgTest.METATYPE);
        Path plain = jar("peer-plain", null);
        Path file = features("""
                <feature name="peer-example" version="1">
                    <feature>scr</feature>
                    <bundle>mvn:org.giggityflix.peer/peer-plain/1</bundle>
                    <bundle>mvn:org.giggityflix.peer/peer-example/1</bundle>
                    <bundle>mvn:org.other/peer-example/1</bundle>
                </feature>
                <feature name="peer" version="1">
                    <feature>peer-example</feature>
                </feature>
                """);
        Map<String, Path> jars = FeatureConfigs.jars(example + File.pathSeparator + plain + File.pathSeparator
                + dir.resolve("absent.jar"), GROUP);
        assertEquals(Map.of("peer-example", example, "peer-plain", plain), jars);
        Document doc = FeatureConfigs.parse(file);

        assertEquals(List.of("org.example.stream -> peer-example"), FeatureConfigs.addConfigs(doc, GROUP, jars));

        List<Element> features = MetatypeCfg.children(doc.getDocumentElement(), "feature");
        List<Element> shipped = configs(features.get(0));
        assertEquals(1, shipped.size());
        assertEquals("org.example.stream", shipped.get(0).getAttribute("name"));
        assertEquals("http://karaf.apache.org/xmlns/features/v1.6.0", shipped.get(0).getNamespaceURI());
        assertEquals(MetatypeCfgTest.cfg().stripTrailing(), shipped.get(0).getTextContent());
        assertEquals(List.of(), configs(features.get(1)), "a feature that only includes another ships nothing");
    }

    @Test
    void aBundleTheBuildDoesNotHaveFailsTheBuild() throws Exception {
        Path file = features("""
                <feature name="peer-x" version="1"><bundle>mvn:org.giggityflix.peer/peer-x/1</bundle></feature>
                """);
        IOException e = assertThrows(IOException.class,
                () -> FeatureConfigs.addConfigs(FeatureConfigs.parse(file), GROUP, Map.of()));
        assertTrue(e.getMessage().contains("peer-x, which is not among the build's dependencies"), e.getMessage());
    }

    @Test
    void onePidInTwoFeaturesFailsTheBuild() throws Exception {
        Path one = jar("peer-one", MetatypeCfgTest.METATYPE);
        Path two = jar("peer-two", MetatypeCfgTest.METATYPE);
        Path file = features("""
                <feature name="peer-one" version="1"><bundle>mvn:org.giggityflix.peer/peer-one/1</bundle></feature>
                <feature name="peer-two" version="1"><bundle>mvn:org.giggityflix.peer/peer-two/1</bundle></feature>
                """);
        IOException e = assertThrows(IOException.class, () -> FeatureConfigs.addConfigs(FeatureConfigs.parse(file),
                GROUP, FeatureConfigs.jars(one + File.pathSeparator + two, GROUP)));
        assertTrue(e.getMessage().contains("org.example.stream is described in the features peer-one and peer-two"),
                e.getMessage());
    }

    @Test
    void theFileIsRewrittenInPlaceAndReadsBack() throws Exception {
        Path example = jar("peer-example", MetatypeCfgTest.METATYPE);
        Path file = features("""
                <feature name="peer-example" version="1"><bundle>mvn:org.giggityflix.peer/peer-example/1</bundle></feature>
                """);
        FeatureConfigs.main(new String[] {file.toString(), example.toString(), GROUP});
        // a second run over the same file (a build without clean) adds nothing
        FeatureConfigs.main(new String[] {file.toString(), example.toString(), GROUP});
        String xml = Files.readString(file);
        assertTrue(xml.contains("<config name=\"org.example.stream\"># Example streaming (PID org.example.stream)\n"),
                xml);
        assertTrue(xml.contains("# Streams files &amp; more to &lt;browsers&gt;."), xml);
        Element feature = MetatypeCfg.children(FeatureConfigs.parse(file).getDocumentElement(), "feature").get(0);
        assertEquals(1, configs(feature).size());
    }
}
