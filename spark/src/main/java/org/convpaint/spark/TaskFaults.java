package org.convpaint.spark;

import org.apache.spark.TaskContext;

/**
 * Failures on purpose, for proving that retried tasks leave the output unchanged: when the job-local property
 * {@value #FAIL_FIRST_ATTEMPT} is {@code true} (set with {@code JavaSparkContext.setLocalProperty} by whoever runs
 * the job, e.g. a test on {@code local[N,M]}), every task's first attempt fails after doing its work. Stateless.
 */
final class TaskFaults {
    /** The local property that makes every task's first attempt fail. */
    static final String FAIL_FIRST_ATTEMPT = "convpaint.failFirstAttempt";

    private TaskFaults() {
    }

    /** Throws if this is a task's first attempt and first attempts are to fail. */
    static void afterWork() {
        TaskContext tc = TaskContext.get();
        if (tc != null && tc.attemptNumber() == 0 && "true".equals(tc.getLocalProperty(FAIL_FIRST_ATTEMPT))) {
            throw new IllegalStateException("first attempt of task " + tc.partitionId() + " fails on purpose ("
                    + FAIL_FIRST_ATTEMPT + ")");
        }
    }
}
