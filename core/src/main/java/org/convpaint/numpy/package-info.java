/**
 * Arithmetic primitives that reproduce numpy's evaluation order bit for bit (pairwise summation), so that
 * reductions computed here round exactly as napari-convpaint's numpy code does.
 */
package org.convpaint.numpy;
