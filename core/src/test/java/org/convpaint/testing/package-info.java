/**
 * Test support shared by the modules' tests (published in the core test-jar): locating the conformance fixtures
 * of the real napari-convpaint, reading {@code .npy} arrays, label images and the fixture manifest, writing pickles
 * by opcode.
 */
package org.convpaint.testing;
