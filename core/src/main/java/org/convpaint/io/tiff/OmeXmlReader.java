package org.convpaint.io.tiff;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.convpaint.InvalidInputException;
import org.convpaint.image.Calibration;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the OME-XML of an OME-TIFF's first page: the first {@code Image}'s {@code Pixels} (DimensionOrder, sizes,
 * physical sizes and units, TimeIncrement) and its {@code TiffData} elements, which say which IFD holds each
 * plane. Page axes are the DimensionOrder after {@code XY} reversed (slowest first). {@code SizeC} counts samples:
 * with {@code S} samples per page the page sequence has {@code SizeC / S} channel positions. Malformed XML, or
 * sizes that do not match the page, make the metadata ignored (null); OME-TIFF spread over several files is
 * rejected. DTDs and external entities are refused. Stateless.
 */
final class OmeXmlReader {
    private OmeXmlReader() {
    }

    /** The metadata of the OME-XML {@code description}, or null if it is not usable OME-XML. */
    static SeriesMetadata parse(String description, Page first, TiffInput in, int ifdCount)
            throws InvalidInputException {
        if (description == null || !description.contains("<OME")) {
            return null;
        }
        Element pixels = pixels(description);
        if (pixels == null) {
            return null;
        }
        String order = pixels.getAttribute("DimensionOrder");
        if (order.isEmpty()) {
            order = "XYZCT";
        }
        long sx = size(pixels, "SizeX");
        long sy = size(pixels, "SizeY");
        long sz = size(pixels, "SizeZ");
        long sc = size(pixels, "SizeC");
        long st = size(pixels, "SizeT");
        if (!order.startsWith("XY") || order.length() != 5 || !isPermutationOfZct(order.substring(2))
                || sx != first.width || sy != first.height || sz < 1 || sc < 1 || st < 1) {
            return null;
        }
        long ce = first.samples > 1 && sc % first.samples == 0 ? sc / first.samples : sc;
        String fastestFirst = order.substring(2);
        String axes = new StringBuilder(fastestFirst).reverse().toString();
        long[] sizes = new long[3];
        for (int i = 0; i < 3; i++) {
            char c = axes.charAt(i);
            sizes[i] = c == 'Z' ? sz : c == 'C' ? ce : st;
        }
        if ((double) sz * ce * st > Integer.MAX_VALUE) {
            throw in.error("unsupported: OME-XML declares more than " + Integer.MAX_VALUE + " planes");
        }
        long planes = sz * ce * st;
        if (planes > ifdCount) { // checked before anything is allocated per plane
            throw in.error("truncated: OME-XML declares " + planes + " planes but the file has " + ifdCount
                    + " IFDs");
        }
        int[] ifds = tiffData(pixels, fastestFirst, sizes, (int) planes, in);
        return new SeriesMetadata("OME-XML", axes, sizes, ifds, calibration(pixels), true);
    }

    private static Element pixels(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler());
            Element root = b.parse(new InputSource(new StringReader(xml))).getDocumentElement();
            Element image = child(root, "Image");
            return image == null ? null : child(image, "Pixels");
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return null;
        }
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static boolean isPermutationOfZct(String s) {
        return s.indexOf('Z') >= 0 && s.indexOf('C') >= 0 && s.indexOf('T') >= 0;
    }

    /** Raw IFD index of each plane position, or null if plane k is simply IFD k. */
    private static int[] tiffData(Element pixels, String fastestFirst, long[] slowestFirstSizes, int planes,
            TiffInput in) throws InvalidInputException {
        int[] map = new int[planes];
        Arrays.fill(map, -1);
        boolean any = false;
        String fileName = in.file().getFileName().toString();
        for (Node n = pixels.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element td) || !"TiffData".equals(td.getLocalName())) {
                continue;
            }
            any = true;
            Element uuid = child(td, "UUID");
            if (uuid != null && uuid.hasAttribute("FileName") && !uuid.getAttribute("FileName").equals(fileName)) {
                throw in.error("unsupported: multi-file OME-TIFF (planes are stored in "
                        + uuid.getAttribute("FileName") + ")");
            }
            long ifd = number(td, "IFD", 0);
            long count = number(td, "PlaneCount", td.hasAttribute("IFD") ? 1 : planes);
            long start = 0;
            long stride = 1;
            for (int i = 0; i < 3; i++) {
                char c = fastestFirst.charAt(i);
                start += number(td, "First" + c, 0) * stride;
                stride *= slowestFirstSizes[2 - i];
            }
            if (ifd < 0 || count < 0 || start < 0) {
                throw in.error("damaged OME-XML: negative TiffData attribute");
            }
            for (long k = 0; k < count && start + k < planes; k++) {
                map[(int) (start + k)] = (int) Math.min(Integer.MAX_VALUE, ifd + k);
            }
        }
        if (!any) {
            return null;
        }
        boolean identity = true;
        for (int k = 0; k < planes; k++) {
            if (map[k] < 0) {
                throw in.error("damaged OME-XML: no TiffData for plane " + k);
            }
            identity &= map[k] == k;
        }
        return identity ? null : map;
    }

    private static Calibration calibration(Element pixels) {
        String unit = Units.normalizeLength(attr(pixels, "PhysicalSizeXUnit", Units.MICROMETER));
        double pw = physical(pixels, "X", unit);
        double ph = physical(pixels, "Y", unit);
        double pd = physical(pixels, "Z", unit);
        double dt = Units.finiteNumber(pixels.getAttribute("TimeIncrement"));
        String tu = Double.isNaN(dt) ? null : attr(pixels, "TimeIncrementUnit", "s");
        boolean anySpace = !Double.isNaN(pw) || !Double.isNaN(ph) || !Double.isNaN(pd);
        return new Calibration(pw, ph, pd, dt, anySpace ? unit : null, tu);
    }

    private static double physical(Element pixels, String axis, String unit) {
        double v = Units.finiteNumber(pixels.getAttribute("PhysicalSize" + axis));
        String u = Units.normalizeLength(attr(pixels, "PhysicalSize" + axis + "Unit", Units.MICROMETER));
        return Units.convert(v, u, unit);
    }

    private static String attr(Element e, String name, String fallback) {
        String v = e.getAttribute(name);
        return v.isEmpty() ? fallback : v;
    }

    private static long size(Element e, String name) {
        return number(e, name, 1);
    }

    private static long number(Element e, String name, long fallback) {
        String v = e.getAttribute(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException ex) {
            return -1;
        }
    }
}
