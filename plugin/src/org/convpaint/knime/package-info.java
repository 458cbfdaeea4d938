/**
 * What the engine needs from KNIME's OSGi runtime: the DJL set-up (offline, native cache folder).
 */
package org.convpaint.knime;
