package chatlab.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What Linux says of a process in {@code /proc/<pid>/}: its threads (the operating system's, so
 * platform threads), its peak resident memory, the processor time it used. The same figures for every server, a JVM's or
 * Python's; empty where there is no {@code /proc}.
 */
final class ProcStatus {
    private ProcStatus() {
    }

    /** The process's threads now. */
    static OptionalLong threads(long pid) {
        return field(pid, "Threads:");
    }

    /** The most memory the process has held in RAM (VmHWM), in megabytes. */
    static OptionalLong peakResidentMegabytes(long pid) {
        OptionalLong kilobytes = field(pid, "VmHWM:");
        return kilobytes.isPresent() ? OptionalLong.of(Math.round(kilobytes.getAsLong() / 1024.0)) : kilobytes;
    }

    /**
     * The processor time the process has used so far (user and system), in milliseconds, from
     * {@code /proc/<pid>/stat} (in clock ticks of 1/100 s, Linux's USER_HZ).
     */
    private static OptionalLong cpuMillis(long pid) {
        return cpuMillis(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The same from a {@code stat} file, a process's or one of its threads' ({@code task/<tid>/stat}). */
    private static OptionalLong cpuMillis(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15
            return OptionalLong.of(ticks * 10);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The processor time a JVM's JIT compiler threads have used so far, in milliseconds: HotSpot
     * names them {@code C1 CompilerThread<n>} and {@code C2 CompilerThread<n>} (Linux keeps the
     * first 15 characters). 0 for a process that has none (Python's server). Why measure it? A JVM
     * runs slowly while it still compiles its hot code, and on two cores the compiler takes its
     * share of them too: a phase during which the compiler was busy measured a JVM still warming up.
     * (On a machine with more cores HotSpot may retire an extra compiler thread, and its time with
     * it: then the figure goes down, and {@link #growth} calls the phase's unknown.)
     */
    static OptionalLong jitMillis(long pid) {
        long millis = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String name = Files.readString(task.resolve("comm"));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    millis += cpuMillis(task.resolve("stat")).orElse(0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty(); // no /proc here, or the process is gone
        }
        return OptionalLong.of(millis);
    }

    /**
     * What the process has used so far: processor time, the part of it its JIT compiler took, write
     * system calls, bytes written (-1 each where unknown). Two of them taken at the ends of a phase
     * give the phase's ({@link #since}).
     */
    record Usage(long cpuMillis, long jitMillis, long writeCalls, long bytesWritten) {
        static final Usage UNKNOWN = new Usage(-1, -1, -1, -1);

        /** What was used between {@code earlier} and this; -1 where unknown ({@link #growth}). */
        Usage since(Usage earlier) {
            return new Usage(growth(earlier.cpuMillis, cpuMillis), growth(earlier.jitMillis, jitMillis),
                    growth(earlier.writeCalls, writeCalls), growth(earlier.bytesWritten, bytesWritten));
        }
    }

    /**
     * How much a counter grew from {@code from} to {@code to}: -1 where either is unknown (-1), or
     * where it went down, which a count of what was used can only do when part of it left with a
     * thread (the JIT's, see {@link #jitMillis}).
     */
    static long growth(long from, long to) {
        return from < 0 || to < from ? -1 : to - from;
    }

    /** What the process {@code pid} has used so far. */
    static Usage usage(long pid) {
        return new Usage(cpuMillis(pid).orElse(-1), jitMillis(pid).orElse(-1), writeCalls(pid).orElse(-1),
                bytesWritten(pid).orElse(-1));
    }

    /**
     * The write system calls the process has made so far ({@code syscw} in {@code /proc/<pid>/io}):
     * for a server, about one per batch it sends to a client. Linux counts {@code write(2)} and its
     * kind here, not {@code send(2)}: a server that sends with {@code send} (Python's) shows none.
     */
    private static OptionalLong writeCalls(long pid) {
        return field(pid, "io", "syscw:");
    }

    /** The bytes the process has written so far, to sockets and files alike ({@code wchar}). */
    private static OptionalLong bytesWritten(long pid) {
        return field(pid, "io", "wchar:");
    }

    private static OptionalLong field(long pid, String name) {
        return field(pid, "status", name);
    }

    private static OptionalLong field(long pid, String file, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(name)) {
                    return OptionalLong.of(Long.parseLong(line.substring(name.length()).strip().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc here, or the process is gone
        }
        return OptionalLong.empty();
    }
}
