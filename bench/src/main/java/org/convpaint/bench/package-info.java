/**
 * JMH benchmarks of the engine's kernels. They read the conformance fixtures (real models and features); set
 * {@code -Dconvpaint.fixtures=DIR} if they are not at {@code ../shared/fixtures}. See the README for commands.
 */
package org.convpaint.bench;
