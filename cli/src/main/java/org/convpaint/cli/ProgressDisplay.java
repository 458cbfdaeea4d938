package org.convpaint.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.convpaint.CanceledException;
import org.convpaint.pipeline.ProgressMonitor;

/**
 * Progress on stderr: on a terminal a single redrawn bar (files done, current file, its progress); elsewhere
 * nothing but the per-file log lines the command prints. Thread-safe (workers report progress).
 */
final class ProgressDisplay implements ProgressMonitor {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean bar;
    private final int total;
    private int done;
    private String current = "";
    private long lastDraw;
    private int lastLength;

    ProgressDisplay(PrintWriter err, boolean bar, int total) {
        this.err = err;
        this.bar = bar;
        this.total = total;
    }

    /** Whether stderr is very likely a terminal (a console is attached and TERM is not dumb). */
    static boolean interactive() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !"dumb".equals(term);
    }

    synchronized void startFile(String name) {
        current = name;
        draw(0, true);
    }

    synchronized void endFile() {
        done++;
        draw(0, true);
    }

    /** Prints a log line without breaking the bar. */
    synchronized void log(String line) {
        clear();
        err.println(line);
        err.flush();
        draw(0, true);
    }

    synchronized void finish() {
        clear();
    }

    @Override
    public synchronized void progress(double fraction, String stage) {
        draw(fraction, false);
    }

    @Override
    public void checkCanceled() throws CanceledException {
        if (Thread.currentThread().isInterrupted()) {
            throw new CanceledException();
        }
    }

    private void draw(double fraction, boolean force) {
        if (!bar) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double overall = total == 0 ? 1 : (done + fraction) / total;
        int filled = (int) Math.round(overall * WIDTH);
        String line = String.format(Locale.ROOT, "[%s%s] %d/%d files  %s %3.0f%%", "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, current, 100 * fraction);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    private void clear() {
        if (bar && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            lastLength = 0;
        }
    }
}
