/**
 * The {@code convpaint} command line: {@code inspect} prints what a model is and needs,
 * {@code predict} writes label images. All behaviour is in {@code convpaint-core}; this package parses options,
 * reports progress and errors, and maps outcomes to exit codes.
 */
package org.convpaint.cli;
