package org.convpaint.classify.catboost;

import ai.catboost.CatBoostModel;

/**
 * CatBoost's own evaluator ({@code ai.catboost:catboost-prediction}, JNI; a test dependency only): the reference
 * the pure-Java evaluator is compared with. Only ever given valid models (a damaged one may crash the JVM).
 */
final class NativeOracle {
    private NativeOracle() {
    }

    /** Raw values ({@code RawFormulaVal}), {@code rows × dimension}, row-major. */
    static double[] raw(byte[] cbm, float[][] rows) throws Exception {
        CatBoostModel m = CatBoostModel.loadModel(cbm);
        try {
            return m.predict(rows, (String[][]) null).copyRowMajorPredictions();
        } finally {
            m.close();
        }
    }
}
