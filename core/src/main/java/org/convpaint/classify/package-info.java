/**
 * Pixel classifiers behind one interface, {@link org.convpaint.classify.PixelClassifier}: probabilities for a block
 * of feature rows. {@link org.convpaint.classify.RandomForest} evaluates sklearn forests on flat arrays with
 * sklearn's exact float semantics; {@link org.convpaint.classify.CatBoostPixelClassifier} evaluates the model
 * bytes in pure Java ({@code org.convpaint.classify.catboost}: no native CatBoost library). Readers that turn
 * pickled objects into classifiers live next to them ({@link org.convpaint.classify.SklearnForestReader}). A
 * forest's small trees also become JVM bytecode ({@link org.convpaint.classify.TreeBytecode}, written with
 * {@code org.convpaint.classify.classfile}), loaded as a hidden class ({@link org.convpaint.classify.CompiledTrees}).
 * Where only labels are wanted, a forest stops each pixel's trees once its class is settled
 * ({@link org.convpaint.classify.SettlingWalk}); {@link org.convpaint.classify.ClassArgmax} is the labelling rule.
 */
package org.convpaint.classify;
