package org.giggityflix.peer.upnp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * {@code SafeXml} is responsible for reading XML that arrives from the network (device descriptions, SOAP answers)
 * without letting it reach anything else: no DOCTYPE at all (so no entities, no external DTDs, no billion laughs),
 * no XInclude, the JDK's own parser with secure processing, and a size limit applied before parsing.
 */
final class SafeXml {

    private SafeXml() {
    }

    /** Parses {@code body}; {@link XmlException} with a short reason when it is not acceptable XML. */
    static Document parse(byte[] body) throws XmlException {
        if (body.length > UpnpConstants.MAX_BODY_BYTES) {
            throw new XmlException("larger than " + UpnpConstants.MAX_BODY_BYTES / 1024 + " KB");
        }
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(Silent.INSTANCE);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            return builder.parse(new InputSource(new ByteArrayInputStream(body)));
        } catch (SAXException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage().replaceAll("\\.$", "");
            if (message.contains("DOCTYPE")) {
                message = "has a DOCTYPE, which is refused";
            }
            throw new XmlException("not acceptable XML: " + message);
        } catch (IOException | ParserConfigurationException e) {
            throw new XmlException("not readable: " + e.getMessage());
        }
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        // The JDK's built-in parser, not whatever another bundle registered: its security features are known.
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    /** Element children of {@code parent} with local name {@code name} (any namespace). */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(localName(e))) {
                found.add(e);
            }
        }
        return found;
    }

    static Optional<Element> child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Trimmed text of the first child named {@code name}, empty when absent or blank. */
    static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim()).filter(s -> !s.isEmpty());
    }

    /** Every element child, in order. */
    static List<Element> elements(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                found.add(e);
            }
        }
        return found;
    }

    static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    /** {@code SafeXml.XmlException} is responsible for saying why a body was not accepted as XML. */
    static final class XmlException extends Exception {
        private static final long serialVersionUID = 1L;

        XmlException(String message) {
            super(message);
        }
    }

    /** Turns parser complaints into exceptions instead of lines on stderr. */
    private enum Silent implements ErrorHandler {
        INSTANCE;

        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
