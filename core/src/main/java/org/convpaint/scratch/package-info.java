/**
 * Scratch storage on disk for intermediates that would otherwise grow memory with the image or the number of
 * timepoints: hidden files read and written at positions and deleted when done, and the errors a run reports
 * when they fail.
 */
package org.convpaint.scratch;
