package org.giggityflix.peer.features;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@code FeatureConfigs} is responsible for giving each Karaf feature the default {@code .cfg} of every PID its own
 * bundles describe with metatype: it reads the generated features file, finds each {@code mvn:<group>/<artifact>/…}
 * bundle of the project's group among the build's jars, and adds a {@code <config name="<pid>">} (text from
 * {@link MetatypeCfg}) to the feature that lists the bundle. Karaf then writes {@code etc/<pid>.cfg} from it: the
 * distribution's build for its boot and installed features, a running Karaf for a feature installed later, and
 * neither ever replaces a file that exists (an owner's edits survive).
 *
 * <p>Run by the features module's build: {@code FeatureConfigs <feature.xml> <classpath> <groupId>}.
 */
public final class FeatureConfigs {

    private static final Pattern MVN = Pattern.compile("mvn:([^/]+)/([^/]+)/.*");

    private FeatureConfigs() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: FeatureConfigs <feature.xml> <classpath> <groupId>");
        }
        Path features = Path.of(args[0]);
        Map<String, Path> jars = jars(args[1], args[2]);
        Document doc = parse(features);
        List<String> added = addConfigs(doc, args[2], jars);
        write(doc, features);
        added.forEach(line -> System.out.println("[features] default config " + line));
    }

    /**
     * Adds the {@code <config>} elements to every feature of {@code doc}; returns "pid -> feature" lines.
     *
     * @param jars the project's bundles by artifactId
     */
    static List<String> addConfigs(Document doc, String groupId, Map<String, Path> jars) throws IOException {
        Map<String, String> shippedBy = new LinkedHashMap<>();
        List<String> added = new ArrayList<>();
        for (Element feature : elements(doc.getDocumentElement(), "feature")) {
            String name = feature.getAttribute("name");
            for (Element bundle : MetatypeCfg.children(feature, "bundle")) {
                Matcher mvn = MVN.matcher(bundle.getTextContent().trim());
                if (!mvn.matches() || !mvn.group(1).equals(groupId)) {
                    continue;
                }
                String artifact = mvn.group(2);
                Path jar = jars.get(artifact);
                if (jar == null) {
                    throw new IOException("feature " + name + " lists " + artifact + ", which is not among the "
                            + "build's dependencies: add it to features/pom.xml");
                }
                for (MetatypeCfg.Designated designated : metatype(jar)) {
                    if (hasConfig(feature, designated.pid())) {
                        continue; // written by hand, or by an earlier run over the same file
                    }
                    String other = shippedBy.putIfAbsent(designated.pid(), name);
                    if (other != null) {
                        if (other.equals(name)) {
                            continue;
                        }
                        throw new IOException("PID " + designated.pid() + " is described in the features " + other
                                + " and " + name + ": one feature must own it");
                    }
                    String text = MetatypeCfg.cfg(designated,
                            "the Karaf feature " + name + " (bundle " + artifact + ")");
                    feature.appendChild(doc.createTextNode("\n        "));
                    Element config = doc.createElementNS(feature.getNamespaceURI(), qualified(feature, "config"));
                    config.setAttribute("name", designated.pid());
                    // No newline after the last line: Karaf trims each line and ends the file with one newline.
                    config.setTextContent(text.stripTrailing());
                    feature.appendChild(config);
                    feature.appendChild(doc.createTextNode("\n    "));
                    added.add(designated.pid() + " -> " + name);
                }
            }
        }
        return added;
    }

    /** Every metatype description in a jar (or a module's classes folder). */
    static List<MetatypeCfg.Designated> metatype(Path jarOrFolder) throws IOException {
        List<MetatypeCfg.Designated> found = new ArrayList<>();
        if (Files.isDirectory(jarOrFolder)) {
            Path folder = jarOrFolder.resolve("OSGI-INF/metatype");
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            found.addAll(MetatypeCfg.read(in));
                        }
                    }
                }
            }
            return found;
        }
        try (ZipFile zip = new ZipFile(jarOrFolder.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().startsWith("OSGI-INF/metatype/") && entry.getName().endsWith(".xml")) {
                    entries.add(entry);
                }
            }
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (ZipEntry entry : entries) {
                try (InputStream in = zip.getInputStream(entry)) {
                    found.addAll(MetatypeCfg.read(in));
                } catch (IOException e) {
                    throw new IOException(jarOrFolder + "!/" + entry.getName() + ": " + e.getMessage(), e);
                }
            }
        }
        return found;
    }

    /**
     * The classpath's jars of {@code groupId} by artifactId (from their {@code META-INF/maven} descriptor); a
     * reactor module's classes folder ({@code <artifactId>/target/classes}) counts too.
     */
    static Map<String, Path> jars(String classpath, String groupId) throws IOException {
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && path.endsWith("target/classes") && path.getNameCount() >= 3) {
                jars.putIfAbsent(path.getParent().getParent().getFileName().toString(), path);
            } else if (Files.isRegularFile(path) && entry.endsWith(".jar")) {
                try (ZipFile zip = new ZipFile(path.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                        ZipEntry pom = e.nextElement();
                        if (pom.getName().startsWith("META-INF/maven/" + groupId + "/")
                                && pom.getName().endsWith("/pom.properties")) {
                            Properties props = new Properties();
                            try (InputStream in = zip.getInputStream(pom)) {
                                props.load(in);
                            }
                            if (groupId.equals(props.getProperty("groupId"))) {
                                jars.putIfAbsent(props.getProperty("artifactId"), path);
                            }
                        }
                    }
                }
            }
        }
        return jars;
    }

    private static boolean hasConfig(Element feature, String pid) {
        return MetatypeCfg.children(feature, "config").stream().anyMatch(c -> pid.equals(c.getAttribute("name")));
    }

    private static String qualified(Element sibling, String localName) {
        return sibling.getPrefix() == null ? localName : sibling.getPrefix() + ":" + localName;
    }

    private static List<Element> elements(Element root, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static void write(Document doc, Path file) throws Exception {
        Transformer transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.setOutputProperty(OutputKeys.STANDALONE, "yes");
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            transformer.transform(new DOMSource(doc), new StreamResult(out));
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
