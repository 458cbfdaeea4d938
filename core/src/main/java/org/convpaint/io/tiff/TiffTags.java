package org.convpaint.io.tiff;

/** TIFF tag codes and field types used by the reader and the writer (TIFF 6.0, BigTIFF, and extensions). */
final class TiffTags {
    static final int NEW_SUBFILE_TYPE = 254;
    static final int SUBFILE_TYPE = 255;
    static final int IMAGE_WIDTH = 256;
    static final int IMAGE_LENGTH = 257;
    static final int BITS_PER_SAMPLE = 258;
    static final int COMPRESSION = 259;
    static final int PHOTOMETRIC = 262;
    static final int FILL_ORDER = 266;
    static final int IMAGE_DESCRIPTION = 270;
    static final int STRIP_OFFSETS = 273;
    static final int SAMPLES_PER_PIXEL = 277;
    static final int ROWS_PER_STRIP = 278;
    static final int STRIP_BYTE_COUNTS = 279;
    static final int X_RESOLUTION = 282;
    static final int Y_RESOLUTION = 283;
    static final int PLANAR_CONFIGURATION = 284;
    static final int RESOLUTION_UNIT = 296;
    static final int SOFTWARE = 305;
    static final int PREDICTOR = 317;
    static final int TILE_WIDTH = 322;
    static final int TILE_LENGTH = 323;
    static final int TILE_OFFSETS = 324;
    static final int TILE_BYTE_COUNTS = 325;
    static final int SAMPLE_FORMAT = 339;
    static final int JPEG_TABLES = 347;
    static final int YCBCR_SUBSAMPLING = 530;
    static final int IMAGE_DEPTH = 32997;

    static final int BYTE = 1;
    static final int ASCII = 2;
    static final int SHORT = 3;
    static final int LONG = 4;
    static final int RATIONAL = 5;
    static final int SBYTE = 6;
    static final int UNDEFINED = 7;
    static final int SSHORT = 8;
    static final int SLONG = 9;
    static final int SRATIONAL = 10;
    static final int FLOAT = 11;
    static final int DOUBLE = 12;
    static final int IFD = 13;
    static final int LONG8 = 16;
    static final int SLONG8 = 17;
    static final int IFD8 = 18;

    /** ResolutionUnit values. */
    static final int RESUNIT_NONE = 1;
    static final int RESUNIT_INCH = 2;
    static final int RESUNIT_CENTIMETER = 3;

    private TiffTags() {
    }

    /** Size in bytes of one value of a field type, or 0 for an unknown type. */
    static int typeSize(int type) {
        return switch (type) {
            case BYTE, ASCII, SBYTE, UNDEFINED -> 1;
            case SHORT, SSHORT -> 2;
            case LONG, SLONG, FLOAT, IFD -> 4;
            case RATIONAL, SRATIONAL, DOUBLE, LONG8, SLONG8, IFD8 -> 8;
            default -> 0;
        };
    }
}
