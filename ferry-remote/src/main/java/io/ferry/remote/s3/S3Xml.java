package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The XML bodies of S3 that Ferry reads and writes: error documents and multipart uploads.
 * Parsing refuses DOCTYPE declarations, so no entity (external or not) is ever resolved.
 * Malformed responses fail with {@link ErrorCode#IO_ERROR}. Thread-safe.
 */
public final class S3Xml {
    private static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final int MAX_PARTS = 10_000;
    private static final ErrorHandler FAIL_ON_ERRORS = new ErrorHandler() {
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
    };

    private S3Xml() {
    }

    /**
     * The error S3 describes in an error response body; empty when the body is not an
     * {@code <Error>} document (an HTML page from a proxy, a truncated or empty body), so that the
     * caller falls back to the HTTP status.
     */
    public static Optional<S3Error> parseError(byte[] body) {
        Element root;
        try {
            root = parse(body, "S3 error response");
        } catch (FerryException notXml) {
            return Optional.empty();
        }
        return root.getLocalName().equals("Error") ? Optional.of(error(root)) : Optional.empty();
    }

    /** The {@code UploadId} of an {@code InitiateMultipartUploadResult}. */
    public static String parseUploadId(byte[] body) {
        Element root = parse(body, "S3 InitiateMultipartUpload response");
        failOnError(root, "InitiateMultipartUpload");
        String uploadId = childText(root, "UploadId");
        if (uploadId.isEmpty()) {
            throw new FerryException(ErrorCode.IO_ERROR, "S3 InitiateMultipartUpload response <" + root.getLocalName()
                    + "> has no UploadId");
        }
        return uploadId;
    }

    /**
     * An uploaded part as CompleteMultipartUpload names it.
     *
     * @param etag           exactly as UploadPart returned it (quotes included)
     * @param checksumCrc32c the part's {@code x-amz-checksum-crc32c}, or null when it was sent without
     */
    public record UploadedPart(String etag, String checksumCrc32c) {
    }

    /** The body of CompleteMultipartUpload: parts numbered from 1 in list order. */
    public static byte[] completeMultipartUpload(List<UploadedPart> partsInOrder) {
        if (partsInOrder.isEmpty() || partsInOrder.size() > MAX_PARTS) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "a multipart upload has 1 to " + MAX_PARTS
                    + " parts, not " + partsInOrder.size());
        }
        StringBuilder xml = new StringBuilder(64 + 120 * partsInOrder.size())
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUpload xmlns=\"").append(NAMESPACE).append("\">");
        int partNumber = 1;
        for (UploadedPart part : partsInOrder) {
            if (part.etag() == null || part.etag().isBlank()) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "part " + partNumber + " has no ETag");
            }
            xml.append("<Part><PartNumber>").append(partNumber++).append("</PartNumber><ETag>");
            escape(part.etag(), xml);
            xml.append("</ETag>");
            if (part.checksumCrc32c() != null) {
                xml.append("<ChecksumCRC32C>");
                escape(part.checksumCrc32c(), xml);
                xml.append("</ChecksumCRC32C>");
            }
            xml.append("</Part>");
        }
        return xml.append("</CompleteMultipartUpload>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The error in a CompleteMultipartUpload response: S3 may answer 200 OK and still fail the
     * upload with an {@code <Error>} body. Empty for a {@code CompleteMultipartUploadResult}.
     */
    public static Optional<S3Error> parseCompleteResult(byte[] body) {
        Element root = parse(body, "S3 CompleteMultipartUpload response");
        return switch (root.getLocalName()) {
            case "Error" -> Optional.of(error(root));
            case "CompleteMultipartUploadResult" -> Optional.empty();
            default -> throw new FerryException(ErrorCode.IO_ERROR, "S3 CompleteMultipartUpload response has an unexpected <"
                    + root.getLocalName() + "> document");
        };
    }

    private static S3Error error(Element root) {
        return new S3Error(childText(root, "Code"), childText(root, "Message"), childText(root, "RequestId"));
    }

    private static void failOnError(Element root, String operation) {
        if (root.getLocalName().equals("Error")) {
            throw new FerryException(ErrorCode.IO_ERROR, "S3 " + operation + " failed: " + error(root).describe());
        }
    }

    /** The text of the first child element named {@code name}, trimmed; empty when there is none. */
    static String childText(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE && name.equals(child.getLocalName())) {
                return child.getTextContent().strip();
            }
        }
        return "";
    }

    /**
     * The root element of an XML body; {@code what} names the document in messages, such as
     * {@code S3 error response}.
     */
    static Element parse(byte[] body, String what) {
        int start = 0;
        // S3 may send white space before the document to keep a slow connection open.
        while (start < body.length && (body[start] == ' ' || body[start] == '\t' || body[start] == '\r' || body[start] == '\n')) {
            start++;
        }
        if (start == body.length) {
            throw new FerryException(ErrorCode.IO_ERROR, what + " has an empty body");
        }
        try {
            return newBuilder().parse(new ByteArrayInputStream(body, start, body.length - start)).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new FerryException(ErrorCode.IO_ERROR, what + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(FAIL_ON_ERRORS);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a security feature", e);
        }
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
    }
}
