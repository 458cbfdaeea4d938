package org.convpaint.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The driver's progress lines: for each pass (a Spark stage), tasks done of all and the time left at the pace so
 * far, printed at most every few seconds and when the pass ends. Events arrive on Spark's listener thread.
 */
final class Progress extends SparkListener {
    private static final long EVERY_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger stageDone = new AtomicInteger();
    private final AtomicInteger stageTasks = new AtomicInteger();
    private final AtomicLong stageStart = new AtomicLong();
    private final AtomicLong lastPrint = new AtomicLong();
    private volatile String stageName = "";

    Progress(PrintStream out) {
        this.out = out;
    }

    /** Task attempts that failed (and were retried) so far. */
    int failedAttempts() {
        return failed.get();
    }

    /** Tasks that ended successfully so far. */
    int tasksDone() {
        return done.get();
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
        stageName = e.stageInfo().name();
        stageTasks.set(e.stageInfo().numTasks());
        stageDone.set(0);
        stageStart.set(System.nanoTime());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        if (!e.taskInfo().successful()) {
            failed.incrementAndGet();
            out.println("task " + e.taskInfo().index() + " failed (attempt " + e.taskInfo().attemptNumber()
                    + "); Spark retries it");
            return;
        }
        done.incrementAndGet();
        int n = stageDone.incrementAndGet();
        long now = System.nanoTime();
        long last = lastPrint.get();
        if (now - last > EVERY_NANOS && lastPrint.compareAndSet(last, now)) {
            int total = stageTasks.get();
            double elapsed = (now - stageStart.get()) / 1e9;
            double left = n > 0 ? elapsed / n * (total - n) : 0;
            out.printf(Locale.ROOT, "%s: %d of %d tasks, about %.0f s left%n", stageName, n, total, left);
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted e) {
        double secs = (System.nanoTime() - stageStart.get()) / 1e9;
        if (secs > 2) {
            out.printf(Locale.ROOT, "%s: %d tasks in %.1f s%n", e.stageInfo().name(), e.stageInfo().numTasks(),
                    secs);
        }
    }
}
