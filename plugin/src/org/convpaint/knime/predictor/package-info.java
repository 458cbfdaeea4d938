/**
 * The "Convpaint Predictor" node: factory, model, dialog, settings and description. A thin adapter: it reads
 * settings, resolves files, keeps the loaded model between executions, turns table rows into engine calls and the
 * results into labeling (and probability image) cells.
 */
package org.convpaint.knime.predictor;
