package org.convpaint.io.tiff;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.convpaint.image.Calibration;
import org.convpaint.image.PixelType;

/**
 * Builds the OME-XML (schema 2016-06) of a single-image OME-TIFF whose pages are the 2-D planes in C order over
 * the leading axes, as tifffile writes it: one {@code Image}/{@code Pixels} with sizes, type, physical sizes when
 * known, one {@code Channel} per channel and one {@code TiffData} covering all planes. Non-ASCII characters (e.g.
 * in {@code µm}) are written as character references so the description is plain ASCII. Stateless.
 */
final class OmeXmlWriter {
    /** Permutations of ZCT (fastest first), most conventional first. */
    private static final List<String> ORDERS = List.of("ZCT", "ZTC", "CZT", "CTZ", "TZC", "TCZ");

    private OmeXmlWriter() {
    }

    /**
     * The OME DimensionOrder whose plane order equals C order over the leading axes of {@code axes} (e.g.
     * {@code TZYX} → {@code XYZCT}): the first of the conventional orders in which the present axes appear fastest
     * first in reverse of their order in {@code axes}.
     *
     * @throws IllegalArgumentException if {@code axes} is not a permutation of a subset of TCZ followed by YX
     */
    static String dimensionOrder(String axes) {
        if (!axes.endsWith("YX")) {
            throw new IllegalArgumentException("axes must end with YX: " + axes);
        }
        String fastestFirst = new StringBuilder(axes.substring(0, axes.length() - 2)).reverse().toString();
        for (String order : ORDERS) {
            StringBuilder present = new StringBuilder();
            for (char c : order.toCharArray()) {
                if (fastestFirst.indexOf(c) >= 0) {
                    present.append(c);
                }
            }
            if (present.toString().equals(fastestFirst)) {
                return "XY" + order;
            }
        }
        throw new IllegalArgumentException("axes " + axes + " cannot be expressed as an OME DimensionOrder");
    }

    /**
     * @param axes  leading axes from T, C, Z followed by YX
     * @param shape sizes in axes order
     */
    static String build(String axes, long[] shape, PixelType type, Calibration cal, UUID uuid) {
        int n = axes.length();
        long sizeX = shape[n - 1];
        long sizeY = shape[n - 2];
        long planes = 1;
        for (int i = 0; i < n - 2; i++) {
            planes *= shape[i];
        }
        StringBuilder x = new StringBuilder(1024);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        x.append("<OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\" ")
                .append("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
                .append("xsi:schemaLocation=\"http://www.openmicroscopy.org/Schemas/OME/2016-06 ")
                .append("http://www.openmicroscopy.org/Schemas/OME/2016-06/ome.xsd\" ")
                .append("UUID=\"urn:uuid:").append(uuid).append("\" Creator=\"Convpaint for KNIME\">");
        x.append("<Image ID=\"Image:0\" Name=\"Image0\"><Pixels ID=\"Pixels:0\" DimensionOrder=\"")
                .append(dimensionOrder(axes)).append("\" Type=\"").append(omeType(type)).append('"');
        x.append(" SizeX=\"").append(sizeX).append("\" SizeY=\"").append(sizeY).append('"');
        long sizeC = size(axes, shape, 'C');
        x.append(" SizeC=\"").append(sizeC).append("\" SizeZ=\"").append(size(axes, shape, 'Z'))
                .append("\" SizeT=\"").append(size(axes, shape, 'T')).append('"');
        appendCalibration(x, cal);
        x.append('>');
        for (long c = 0; c < sizeC; c++) {
            x.append("<Channel ID=\"Channel:0:").append(c).append("\" SamplesPerPixel=\"1\"><LightPath/></Channel>");
        }
        x.append("<TiffData IFD=\"0\" PlaneCount=\"").append(planes).append("\"/></Pixels></Image></OME>");
        return asciiOnly(x);
    }

    static String omeType(PixelType type) {
        return switch (type) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            default -> type.numpyName();
        };
    }

    private static long size(String axes, long[] shape, char axis) {
        int i = axes.indexOf(axis);
        return i < 0 ? 1 : shape[i];
    }

    private static void appendCalibration(StringBuilder x, Calibration cal) {
        String unit = Units.omeLength(cal.spaceUnit());
        boolean unitOk = cal.spaceUnit() == null || unit != null;
        physical(x, "X", cal.pixelWidth(), unit, unitOk);
        physical(x, "Y", cal.pixelHeight(), unit, unitOk);
        physical(x, "Z", cal.voxelDepth(), unit, unitOk);
        double dt = cal.timeInterval();
        String tu = Units.omeTime(cal.timeUnit());
        if (Double.isFinite(dt) && dt >= 0 && (cal.timeUnit() == null || tu != null)) {
            x.append(" TimeIncrement=\"").append(number(dt)).append('"');
            if (tu != null) {
                x.append(" TimeIncrementUnit=\"").append(tu).append('"');
            }
        }
    }

    private static void physical(StringBuilder x, String axis, double v, String unit, boolean unitOk) {
        if (Double.isFinite(v) && v > 0 && unitOk) {
            x.append(" PhysicalSize").append(axis).append("=\"").append(number(v)).append('"');
            if (unit != null) {
                x.append(" PhysicalSize").append(axis).append("Unit=\"").append(unit).append('"');
            }
        }
    }

    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String asciiOnly(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp < 128) {
                b.append((char) cp);
            } else {
                b.append("&#").append(cp).append(';');
            }
        });
        return b.toString();
    }
}
