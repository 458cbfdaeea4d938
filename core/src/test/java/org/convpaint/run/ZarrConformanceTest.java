package org.convpaint.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.convpaint.axes.AxesResolver;
import org.convpaint.io.OutputFormat;
import org.convpaint.io.TiffImageSource;
import org.convpaint.io.tiff.TiffReader;
import org.convpaint.io.zarr.ZarrArray;
import org.convpaint.io.zarr.ZarrArraySpec;
import org.convpaint.io.zarr.ZarrArrayWriter;
import org.convpaint.io.zarr.ZarrCompressor;
import org.convpaint.io.zarr.ZarrFormat;
import org.convpaint.io.zarr.ZarrGroups;
import org.convpaint.model.ExtractorCatalog;
import org.convpaint.pipeline.ProgressMonitor;
import org.convpaint.testing.Fixtures;
import org.convpaint.testing.LabelImages;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public fixture case gives the same labels through OME-Zarr as through TIFF: the case's TIFF image is copied
 * into an OME-Zarr store (NGFF 0.4 on Zarr v2 and 0.5 on Zarr v3 in turn, chunks that do not divide the image), both
 * are segmented by {@link FilePredictor} with napari-tmidas' defaults for the case's downsample, and the label
 * store must equal the label TIFF value for value (the TIFF path's agreement with napari-tmidas is
 * {@link ConformanceTest}'s).
 */
class ZarrConformanceTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyPublicCaseGivesTheSameLabelsThroughZarr() {
        Fixtures.root();
        List<JsonObject> cases = Fixtures.cases().stream()
                .filter(c -> !"timing".equals(c.get("kind").getAsString())).toList();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("id").getAsString(),
                () -> check(c, cases.indexOf(c) % 2 == 0 ? ZarrFormat.V2 : ZarrFormat.V3)));
    }

    private void check(JsonObject c, ZarrFormat format) throws Exception {
        String model = c.get("model").getAsString();
        String fe = Fixtures.model(model).getAsJsonObject("param").get("fe_name").getAsString();
        assumeTrue(ExtractorCatalog.isSupported(fe), fe + " is not supported yet");
        Path root = Fixtures.root();
        Path tif = root.resolve(c.get("image_file").getAsString());
        int ds = c.getAsJsonObject("params").get("image_downsample").getAsInt();
        PredictionOptions o = PredictionOptions.builder().imageDownsample(ds).forceCpu(true).threads(2).build();
        Path dir = Files.createDirectories(tmp.resolve(c.get("id").getAsString()));
        try (ImagePredictor p = ImagePredictor.open(root.resolve(c.get("model_pkl").getAsString()),
                Conformance.weightsFor(model), o, w -> { })) {
            Path store = copyToZarr(tif, dir.resolve("image.ome.zarr"), format, p);
            FilePredictor files = new FilePredictor(p);
            Path labelsTif = dir.resolve("labels.tif");
            files.predict(InputRequest.of(tif), OutputTargets.tiff(labelsTif, null), null, ProgressMonitor.NONE);
            Path labelsZarr = dir.resolve("image_convpaint_labels.ome.zarr");
            FilePredictor.Result r = files.predict(InputRequest.of(store),
                    new OutputTargets(OutputFormat.ZARR, labelsZarr, null, false), null, ProgressMonitor.NONE);
            assertEquals(AxesResolver.Source.METADATA, r.axesSource());
            int[] expected = LabelImages.read(labelsTif);
            ZarrArray out = ZarrArray.open(labelsZarr.resolve("0"), 0);
            assertEquals(ZarrFormat.V2, out.format());
            long[] shape = out.shape();
            double[] values = new double[expected.length];
            out.read(new long[shape.length], Arrays.stream(shape).mapToInt(v -> (int) v).toArray(), values);
            int[] got = Arrays.stream(values).mapToInt(v -> (int) (long) v).toArray();
            assertArrayEquals(expected, got, c.get("id").getAsString());
        }
    }

    /** The TIFF's planes as an OME-Zarr image with the axes the TIFF path decides, in chunks of 1 × 40 × 56. */
    private static Path copyToZarr(Path tif, Path store, ZarrFormat format, ImagePredictor p) throws Exception {
        try (TiffReader reader = TiffReader.open(tif)) {
            int[] shape = TiffImageSource.shapeOf(reader);
            String axes = AxesResolver.resolve(shape, reader.axes(), null, p.model().params().channelMode(),
                    p.modelChannels()).axes();
            StringBuilder names = new StringBuilder();
            for (char a : axes.toCharArray()) {
                String type = a == 'T' ? "time" : a == 'C' ? "channel" : "space";
                names.append(names.length() == 0 ? "" : ",").append("{\"name\":\"")
                        .append(Character.toLowerCase(a)).append("\",\"type\":\"").append(type).append("\"}");
            }
            String ms = "[{" + (format == ZarrFormat.V2 ? "\"version\":\"0.4\"," : "") + "\"axes\":[" + names
                    + "],\"datasets\":[{\"path\":\"0\"}]}]";
            String attrs = format == ZarrFormat.V2 ? "{\"multiscales\":" + ms + "}"
                    : "{\"ome\":{\"version\":\"0.5\",\"multiscales\":" + ms + "}}";
            ZarrGroups.createGroup(store, format, JsonParser.parseString(attrs).getAsJsonObject());
            long[] s = Arrays.stream(shape).asLongStream().toArray();
            int[] chunks = new int[shape.length];
            Arrays.fill(chunks, 1);
            chunks[shape.length - 2] = 40;
            chunks[shape.length - 1] = 56;
            ZarrArrayWriter w = ZarrArrayWriter.create(store.resolve("0"), new ZarrArraySpec(format, s, chunks,
                    reader.pixelType(), ZarrCompressor.zstd(3), 0, "/"));
            int h = shape[shape.length - 2];
            int width = shape[shape.length - 1];
            double[] plane = new double[h * width];
            long planes = reader.planeCount();
            for (int i = 0; i < planes; i++) {
                reader.readPlane(i, plane);
                long[] offset = new long[shape.length];
                int rest = i;
                for (int d = shape.length - 3; d >= 0; d--) {
                    offset[d] = rest % shape[d];
                    rest /= shape[d];
                }
                int[] size = new int[shape.length];
                Arrays.fill(size, 1);
                for (int y = 0; y < h; y += 40) {
                    int rows = Math.min(40, h - y);
                    offset[shape.length - 2] = y;
                    size[shape.length - 2] = rows;
                    size[shape.length - 1] = width;
                    w.write(offset, size, Arrays.copyOfRange(plane, y * width, (y + rows) * width));
                }
            }
        }
        return store;
    }
}
