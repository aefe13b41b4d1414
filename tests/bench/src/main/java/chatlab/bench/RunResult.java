package chatlab.bench;

/**
 * What one server did under the load: the load generator's findings ({@code load}), the server's
 * own figures ({@code stats}, {@code stopped}: null for a server that gives none), what the operating
 * system saw of it (threads, memory, processor time in each phase, the JIT compiler's share of it,
 * write system calls and bytes written in the message phase: -1 where unknown), and the machine's load average before and after.
 *
 * @param failure why the run did not complete (null if it did): a timeout, a process that died
 */
record RunResult(Contender contender, ControlLine load, ControlLine stats, ControlLine stopped,
                 long osThreadsPeak, long residentPeakMB, long serverCpuJoinMs, long serverCpuMessagesMs,
                 long serverJitMessagesMs, long serverWritesMessages, long serverBytesWrittenMessages,
                 double loadBefore, double loadAfter, String failure) {

    boolean completed() {
        return failure == null && load != null;
    }

    long deliveriesExpected() {
        return load.number("deliveriesExpected");
    }

    long delivered() {
        return load.number("delivered");
    }

    /** Measured messages that never reached a member that should have had them. */
    long lost() {
        return deliveriesExpected() - delivered();
    }

    /** The same for the warm-up's messages. */
    long warmupLost() {
        return load.number("warmupExpected") - load.number("warmedUp");
    }

    long joinedMissing() {
        return load.number("joinedExpected") - load.number("joined");
    }

    /** Message deliveries per second, from the first message sent to the last delivered. */
    double deliveriesPerSecond() {
        long millis = load.number("messagesMs");
        return millis <= 0 ? Double.NaN : delivered() * 1000.0 / millis;
    }

    /** {@code joined!} notices delivered per second during the join phase. */
    double joinNoticesPerSecond() {
        long millis = load.number("joinMs");
        return millis <= 0 ? Double.NaN : load.number("joined") * 1000.0 / millis;
    }

    /** Whether every delivery arrived once and in order, and nobody was cut off. */
    boolean perfect() {
        return completed() && lost() == 0 && warmupLost() == 0 && joinedMissing() == 0 && load.number("duplicates") == 0
                && load.number("outOfOrder") == 0 && load.number("strays") == 0 && load.number("disconnected") == 0
                && load.number("failedConnects") == 0;
    }

    /** The server's average write in the message phase, in bytes; NaN where unknown. */
    double bytesPerServerWrite() {
        return serverWritesMessages <= 0 || serverBytesWrittenMessages < 0 ? Double.NaN
                : (double) serverBytesWrittenMessages / serverWritesMessages;
    }

    long serverNumber(String key) {
        return stats == null ? -1 : stats.number(key);
    }

    long stoppedNumber(String key) {
        return stopped == null ? -1 : stopped.number(key);
    }
}
