/**
 * The Spark job: one image (TIFF or OME-Zarr) predicted block by block over a cluster's executors, written as an
 * OME-Zarr label image identical to {@code convpaint predict}'s. {@link org.convpaint.spark.Main} parses the
 * options, {@link org.convpaint.spark.BlockwiseJob} runs the passes on the driver, {@link
 * org.convpaint.spark.ExecutorImages} holds each executor's opened model and input, {@link
 * org.convpaint.spark.JobStores} lays out the shared stores.
 */
package org.convpaint.spark;
