package org.giggityflix.peer.features;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * {@code MetatypeCfg} is responsible for turning one bundle's metatype XML (what bnd writes into
 * {@code OSGI-INF/metatype/*.xml} from {@code @ObjectClassDefinition}) into the text of the {@code etc/<pid>.cfg} an
 * owner reads and edits: a header naming what it configures, then each attribute as a comment block (name,
 * description, type, allowed values) followed by its key commented out with the default. The metatype stays the one
 * place where a setting and its default are defined; the file only documents them. A password's default is never
 * written.
 */
public final class MetatypeCfg {

    private static final int WIDTH = 110;

    /** One attribute (AD) of a configuration description. */
    public record Attribute(String id, String type, String name, String description, int cardinality,
                            List<String> defaults, String min, String max, List<Option> options) {
    }

    /** One allowed value of an attribute, with the label a UI shows. */
    public record Option(String value, String label) {
    }

    /** A configuration description (OCD) designated for a PID. */
    public record Designated(String pid, String name, String description, List<Attribute> attributes) {
    }

    private MetatypeCfg() {
    }

    /** The non-factory PIDs a metatype document designates, each with its description, in document order. */
    public static List<Designated> read(InputStream xml) throws IOException {
        Document doc = parse(xml);
        Map<String, Element> ocds = new LinkedHashMap<>();
        List<Designated> found = new ArrayList<>();
        for (Element ocd : children(doc.getDocumentElement(), "OCD")) {
            ocds.put(ocd.getAttribute("id"), ocd);
        }
        for (Element designate : children(doc.getDocumentElement(), "Designate")) {
            String pid = designate.getAttribute("pid");
            if (pid.isEmpty() || !designate.getAttribute("factoryPid").isEmpty()) {
                continue;
            }
            for (Element object : children(designate, "Object")) {
                Element ocd = ocds.get(object.getAttribute("ocdref"));
                if (ocd == null) {
                    throw new IOException("Designate " + pid + " names OCD " + object.getAttribute("ocdref")
                            + ", which the document does not define");
                }
                found.add(new Designated(pid, ocd.getAttribute("name"), ocd.getAttribute("description"),
                        attributes(ocd)));
            }
        }
        return found;
    }

    private static List<Attribute> attributes(Element ocd) {
        List<Attribute> attributes = new ArrayList<>();
        for (Element ad : children(ocd, "AD")) {
            List<Option> options = new ArrayList<>();
            for (Element option : children(ad, "Option")) {
                options.add(new Option(option.getAttribute("value"), option.getAttribute("label")));
            }
            String cardinality = ad.getAttribute("cardinality");
            attributes.add(new Attribute(ad.getAttribute("id"), ad.getAttribute("type"), ad.getAttribute("name"),
                    ad.getAttribute("description"), cardinality.isEmpty() ? 0 : Integer.parseInt(cardinality),
                    ad.hasAttribute("default") ? defaults(ad.getAttribute("default")) : List.of(),
                    ad.getAttribute("min"), ad.getAttribute("max"), options));
        }
        return attributes;
    }

    /**
     * The values of a metatype {@code default}: comma-separated, where {@code \,} is a comma inside a value,
     * {@code \ } a space kept at a value's edge and {@code \\} a backslash (OSGi Metatype 105.13.1).
     */
    static List<String> defaults(String raw) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        BitSet escaped = new BitSet();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                escaped.set(value.length());
                value.append(raw.charAt(++i));
            } else if (c == ',') {
                values.add(trim(value, escaped));
                value.setLength(0);
                escaped.clear();
            } else {
                value.append(c);
            }
        }
        values.add(trim(value, escaped));
        return values.size() == 1 && values.get(0).isEmpty() ? List.of() : values;
    }

    /** Leading and trailing white space goes, unless escaped. */
    private static String trim(CharSequence value, BitSet escaped) {
        int start = 0;
        int end = value.length();
        while (start < end && Character.isWhitespace(value.charAt(start)) && !escaped.get(start)) {
            start++;
        }
        while (end > start && Character.isWhitespace(value.charAt(end - 1)) && !escaped.get(end - 1)) {
            end--;
        }
        return value.subSequence(start, end).toString();
    }

    /**
     * The {@code .cfg} text for one PID.
     *
     * @param shippedBy who installs the file, e.g. "the Karaf feature peer-scanner (bundle peer-scanner)"
     */
    public static String cfg(Designated designated, String shippedBy) {
        StringBuilder out = new StringBuilder();
        comment(out, designated.name() + " (PID " + designated.pid() + ")");
        if (!designated.description().isEmpty()) {
            comment(out, designated.description());
        }
        out.append("#\n");
        comment(out, "Shipped by " + shippedBy + ", generated when the peer was built from the bundle's metatype, "
                + "the one place where these settings and their defaults are defined. Every key below is commented "
                + "out and shows its default, which applies as long as the key stays commented. To change a "
                + "setting, remove the '#' and edit the value: the running peer applies it within seconds. The web "
                + "UI's settings page and config:property-set write into this file too, keeping these comments. "
                + "An environment variable named in a description, when set as the peer starts, overrides the "
                + "value stored here.");
        for (Attribute attribute : designated.attributes()) {
            out.append('\n');
            comment(out, attribute.name().isEmpty() ? attribute.id() : attribute.name());
            if (!attribute.description().isEmpty()) {
                comment(out, attribute.description());
            }
            comment(out, typeLine(attribute));
            for (Option option : attribute.options()) {
                out.append("#   ").append(optionLine(option)).append('\n');
            }
            out.append('#').append(escapeKey(attribute.id())).append(" =");
            if (!isPassword(attribute) && !attribute.defaults().isEmpty()) {
                out.append(' ').append(escapeValue(String.join(",", attribute.defaults())));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static boolean isPassword(Attribute attribute) {
        return "Password".equalsIgnoreCase(attribute.type());
    }

    private static String typeLine(Attribute attribute) {
        String type = attribute.type().isEmpty() ? "String" : attribute.type();
        StringBuilder line = new StringBuilder(type);
        if ("Boolean".equals(type)) {
            line.append(": true or false");
        } else if (isPassword(attribute)) {
            line.append(": a secret, so its default is never written here; type it after '=' and remove the '#'");
        }
        if (!attribute.min().isEmpty() && !attribute.max().isEmpty()) {
            line.append(", from ").append(attribute.min()).append(" to ").append(attribute.max());
        } else if (!attribute.min().isEmpty()) {
            line.append(", at least ").append(attribute.min());
        } else if (!attribute.max().isEmpty()) {
            line.append(", at most ").append(attribute.max());
        }
        if (attribute.cardinality() != 0) {
            line.append(", several values separated by commas");
        }
        if (!attribute.options().isEmpty()) {
            line.append(", one of:");
        }
        return line.toString();
    }

    private static String optionLine(Option option) {
        String label = option.label();
        if (label.isEmpty() || label.equals(option.value()) || label.startsWith(option.value() + " ")) {
            return label.isEmpty() ? option.value() : label;
        }
        return option.value() + " (" + label + ")";
    }

    /** Writes text as '#' lines of at most {@value #WIDTH} characters, broken between words. */
    private static void comment(StringBuilder out, String text) {
        for (String paragraph : text.split("\\R")) {
            StringBuilder line = new StringBuilder("#");
            for (String word : paragraph.trim().split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (line.length() > 1 && line.length() + 1 + word.length() > WIDTH) {
                    out.append(line).append('\n');
                    line.setLength(1);
                }
                line.append(' ').append(word);
            }
            out.append(line).append('\n');
        }
    }

    /** A key as Java properties need it: '=', ':', space and '#' at the start escaped. */
    static String escapeKey(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (c == '=' || c == ':' || c == ' ' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A value as Java properties read it back: backslashes doubled, a leading space kept. */
    static String escapeValue(String value) {
        String escaped = value.replace("\\", "\\\\");
        return escaped.startsWith(" ") ? "\\" + escaped : escaped;
    }

    private static Document parse(InputStream xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null); // the exception says it; no "[Fatal Error]" line on stderr as well
            return builder.parse(xml);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a metatype document: " + e.getMessage(), e);
        }
    }

    /** Child elements by local name, whatever the namespace (metatype 1.0 to 1.4 documents differ only there). */
    static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element
                    && localName.equals(element.getLocalName() == null ? element.getTagName() : element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }
}
