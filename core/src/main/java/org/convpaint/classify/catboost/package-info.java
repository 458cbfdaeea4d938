/**
 * A pure-Java reader and evaluator of CatBoost binary models ({@code .cbm}, the bytes pickled in
 * {@code CatBoostClassifier.__model}): {@link org.convpaint.classify.catboost.FlatBufferReader} reads FlatBuffers
 * with every offset, length and count checked against the bytes present;
 * {@link org.convpaint.classify.catboost.CbmReader} turns the {@code TModelCore} of a float-feature model with
 * oblivious trees into an {@link org.convpaint.classify.catboost.ObliviousTrees}, which evaluates raw scores with
 * CatBoost's arithmetic (float32 border compares, leaf values summed in double in tree order, then
 * {@code scale·sum + bias}). Untrusted model bytes never reach native code.
 */
package org.convpaint.classify.catboost;
