/**
 * Scratch storage on disk for intermediates that would otherwise grow memory with the image or the number of
 * timepoints: hidden files read and written at positions and deleted when done.
 */
package org.convpaint.scratch;
