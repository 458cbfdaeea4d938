/**
 * Names and clean-up of the hidden temporary files and folders the tool makes next to its outputs and in the
 * scratch folder (partial outputs, scratch grids), and the errors a run reports when scratch files fail.
 */
package org.convpaint.scratch;
