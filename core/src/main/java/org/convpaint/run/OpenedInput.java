package org.convpaint.run;

import java.nio.file.Files;
import java.nio.file.Path;

import org.convpaint.ConvpaintException;
import org.convpaint.InvalidInputException;
import org.convpaint.axes.AxesResolver;
import org.convpaint.image.ImageSource;
import org.convpaint.io.OutputFormat;
import org.convpaint.io.TiffImageSource;
import org.convpaint.io.ngff.OmeZarrImage;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.io.zarr.ZarrFormat;
import org.convpaint.model.ChannelMode;

/**
 * One input opened for prediction, TIFF file or Zarr store alike: its axes decided (override, metadata, tmidas'
 * rule) and the image as an {@link ImageSource}. {@link #close()} releases the file. Not thread-safe.
 */
final class OpenedInput implements AutoCloseable {
    private final ImageSource source;
    private final AxesResolver.Resolved resolved;
    private final OutputFormat format;
    private final ZarrFormat zarrFormat;
    private final int[] planeChunks;
    private final TiffReader reader;

    private OpenedInput(ImageSource source, AxesResolver.Resolved resolved, OutputFormat format,
            ZarrFormat zarrFormat, int[] planeChunks, TiffReader reader) {
        this.source = source;
        this.resolved = resolved;
        this.format = format;
        this.zarrFormat = zarrFormat;
        this.planeChunks = planeChunks;
        this.reader = reader;
    }

    /**
     * @throws InvalidInputException naming the input: missing, unreadable, damaged, axes that do not fit
     */
    static OpenedInput open(InputRequest request, ChannelMode mode, int modelChannels) throws ConvpaintException {
        Path input = request.path();
        if (Files.isDirectory(input)) {
            OmeZarrImage image = OmeZarrImage.open(input, request.level());
            AxesResolver.Resolved r = resolve(image.shape(), image.metadataAxes(), request, mode, modelChannels);
            if (!java.util.Arrays.equals(r.shape(), image.shape())) {
                throw new InvalidInputException("axes " + request.axes() + " would reshape the array "
                        + java.util.Arrays.toString(image.shape()) + "; a Zarr array is not reshaped: give one "
                        + "letter per dimension", input);
            }
            return new OpenedInput(image.source(r.axes()), r, OutputFormat.ZARR, image.format(),
                    image.planeChunks(), null);
        }
        if (!Files.isRegularFile(input)) {
            throw new InvalidInputException("file not found", input);
        }
        if (request.level() != 0) {
            throw new InvalidInputException("--level applies to OME-Zarr inputs; a TIFF file has level 0 only",
                    input);
        }
        TiffReader reader = TiffReader.open(input);
        try {
            AxesResolver.Resolved r = resolve(TiffImageSource.shapeOf(reader), reader.axes(), request, mode,
                    modelChannels);
            return new OpenedInput(TiffImageSource.of(reader, input, r.axes(), r.shape()), r, OutputFormat.TIFF,
                    null, null, reader);
        } catch (InvalidInputException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private static AxesResolver.Resolved resolve(int[] shape, String metadataAxes, InputRequest request,
            ChannelMode mode, int modelChannels) throws InvalidInputException {
        try {
            return AxesResolver.resolve(shape, metadataAxes, request.axes(), mode, modelChannels);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), request.path());
        }
    }

    ImageSource source() {
        return source;
    }

    AxesResolver.Resolved resolved() {
        return resolved;
    }

    /** The input's own format (the default output format). */
    OutputFormat format() {
        return format;
    }

    /** Zarr version of a Zarr input, null for TIFF. */
    ZarrFormat zarrFormat() {
        return zarrFormat;
    }

    /** Chunk height and width of a Zarr input, null for TIFF. */
    int[] planeChunks() {
        return planeChunks == null ? null : planeChunks.clone();
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
