package chatlab.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine a benchmark ran on, as its figures should be quoted: name, cores, processor, memory,
 * operating system, Java.
 */
record Machine(String host, int cores, String processor, long memoryMB, String os, String runtime) {

    static Machine here() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("?");
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / (1024 * 1024);
        return new Machine(host, Runtime.getRuntime().availableProcessors(), processorName(), memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
    }

    String describe() {
        return host + ": " + cores + " cores (" + processor + "), " + (memoryMB + 512) / 1024 + " GB, " + os + ", " + runtime;
    }

    private static String processorName() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }
}
