/**
 * What the engine needs from KNIME's OSGi runtime: the DJL set-up (offline, native cache folder) and running engine
 * calls with the engine bundle's class loader as thread context class loader.
 */
package org.convpaint.knime;
