package org.convpaint.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.convpaint.run.OutputType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real standalone cluster bound to the loopback interface: a master and two workers (one core each)
 * started from Spark's own jars, executors in their own processes, the labels equal to one machine's. The
 * processes are stopped at the end.
 */
class StandaloneClusterTest {
    private static final String OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED "
            + "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED "
            + "--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED "
            + "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED";

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A Spark home whose jars/ links this test's classpath jars (the workers build executors' classpaths from it). */
    private Path sparkHome(List<String> classpath) throws IOException {
        Path home = dir.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : classpath) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Path link = jars.resolve(p.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, p.toAbsolutePath());
                }
            }
        }
        return home;
    }

    private Process start(Path home, String classpath, String log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m"));
        cmd.addAll(List.of(OPENS.split(" ")));
        cmd.addAll(List.of("-cp", classpath));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    @Test
    void aLoopbackClusterWritesTheOneMachineLabels() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = List.of(classpath.split(File.pathSeparator));
        Path home = sparkHome(entries);
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        List<Process> processes = new ArrayList<>();
        try {
            processes.add(start(home, classpath, "master.log", "org.apache.spark.deploy.master.Master", "--host",
                    "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
            for (int w = 0; w < 2; w++) {
                processes.add(start(home, classpath, "worker" + w + ".log", "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port",
                        String.valueOf(freePort()), "--work-dir", dir.resolve("work" + w).toString(), master));
            }
            Path model = Path.of("..", "examples", "coins_gaussian.pkl").toAbsolutePath();
            Path image = Path.of("..", "examples", "coins.tif").toAbsolutePath();
            Path out = dir.resolve("cluster.ome.zarr");
            System.setProperty("spark.executor.extraClassPath", classpath);
            System.setProperty("spark.executor.extraJavaOptions", OPENS + " -Dai.djl.offline=true");
            System.setProperty("spark.executor.memory", "768m");
            System.setProperty("spark.driver.host", "127.0.0.1");
            int code;
            try {
                code = Main.run(image.toString(), "-m", model.toString(), "-o", out.toString(), "--master", master,
                        "--block", "48", "--output-type", "instance", "--cpu");
            } finally {
                for (String key : List.of("spark.executor.extraClassPath", "spark.executor.extraJavaOptions",
                        "spark.executor.memory", "spark.driver.host")) {
                    System.clearProperty(key);
                }
            }
            assertEquals(0, code, "exit code; logs in " + dir);
            int[] expected = SparkPredictTest.oneMachine(model, image, "YX", 2, OutputType.INSTANCE, 1);
            assertArrayEquals(expected, SparkPredictTest.written(out));
            long executors;
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                executors = files.filter(p -> p.getFileName().toString().equals("stderr")
                        && p.toString().contains("/work")).count();
            }
            assertEquals(2, executors, "an executor ran in each worker (its log under the worker's work dir)");
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }
}
