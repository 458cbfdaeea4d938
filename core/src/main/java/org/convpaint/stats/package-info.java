/**
 * The statistics of convpaint's normalisation (per-group mean and population std, and the ImageNet path's
 * {@code [0, 1]} range check) computed in pieces that can be spread over machines and combined bit for bit as
 * numpy computes them on one machine.
 * <p>
 * numpy's add-reduce sums a group of values in buffers of 8192 elements: a pairwise sum per buffer, then the
 * buffer sums accumulated one after the other. The unit of work here is therefore a contiguous range of whole
 * buffers of one group ({@link org.convpaint.stats.BufferRange}, planned by
 * {@link org.convpaint.stats.BufferPlan}); its result is the list of its buffer sums
 * ({@link org.convpaint.stats.BufferSums}), plain serialisable data. Combining all ranges of a group in buffer order
 * gives the mean ({@link org.convpaint.stats.GroupMeans}, first pass), then, from the sums of squared deviations
 * from that mean, the floored std ({@link org.convpaint.stats.GroupStatistics}, second pass). The arithmetic
 * (float64, float32, numpy 1.24's float16) follows the pixel type ({@link org.convpaint.stats.Arithmetic}).
 * Values are read through {@link org.convpaint.stats.TimepointValues}: an in-memory stack, or an
 * {@link org.convpaint.image.ImageSource} of which only the rows a range touches are read.
 * {@code org.convpaint.pipeline.Normalization} computes its own statistics through the same code, as one range per
 * group, so the two cannot differ.
 * <p>
 * A distributed z-score (which prepass is needed, and the plan made from its result, come from
 * {@code Normalization.prepass}, {@code fromStatistics}, {@code fromRangeCheck} and {@code withoutPrepass}):
 * <pre>{@code
 * GroupLayout layout = GroupLayout.forNormalize(type, c, z, h, w, normalize);
 * List<BufferRange> tasks = BufferPlan.rowBands(layout, 256);               // driver
 * // executor, per task: values = TimepointValues.of(source, planes, c, z)
 * //                     BufferSums.values(values, layout, task)
 * GroupMeans means = GroupMeans.combine(layout, valueSums);                   // driver
 * // executor, per task: BufferSums.deviations(values, layout, task, means)
 * GroupStatistics stats = GroupStatistics.combine(means, deviationSums);      // driver
 * }</pre>
 * The ImageNet range check is one pass of {@link org.convpaint.stats.ValueExtremes} over the same tasks.
 */
package org.convpaint.stats;
