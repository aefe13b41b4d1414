package chatlab.protocol;

import java.time.Duration;

/**
 * The hardened room's limits (stage 4). One record, so that the solution, the tests and the grader
 * read the same numbers, and a test can shorten the nickname timeout without waiting 30 seconds.
 *
 * @param maxLineBytes     content bytes a line may hold; the {@code \n} and a dropped {@code \r}
 *                         do not count. 1024 is the seeds' {@code recv(1024)}.
 * @param maxQueuedBytes   bytes of lines that may wait for one member before it is dropped as too
 *                         slow; bytes already in the kernel's socket buffers do not count
 * @param nicknameTimeout  how long a new connection may take to choose a valid nickname
 */
public record Limits(int maxLineBytes, long maxQueuedBytes, Duration nicknameTimeout) {

    /** The seeds' {@code recv(1024)}: the longest line, in content bytes. */
    public static final int MAX_LINE_BYTES = 1024;

    /** 1 MiB of lines queued for one member: past this it is "too slow". */
    public static final long MAX_QUEUED_BYTES = 1024 * 1024;

    /** How long a new connection may take to send a valid nickname. */
    public static final Duration NICKNAME_TIMEOUT = Duration.ofSeconds(30);

    /** The protocol's limits, as the issue fixes them. */
    public static final Limits DEFAULT = new Limits(MAX_LINE_BYTES, MAX_QUEUED_BYTES, NICKNAME_TIMEOUT);

    public Limits {
        if (maxLineBytes < 1 || maxQueuedBytes < 1 || nicknameTimeout.isNegative() || nicknameTimeout.isZero()) {
            throw new IllegalArgumentException("limits must be positive: " + maxLineBytes + ", "
                    + maxQueuedBytes + ", " + nicknameTimeout);
        }
    }

    /** The same limits with another nickname timeout (tests use a short one). */
    public Limits withNicknameTimeout(Duration timeout) {
        return new Limits(maxLineBytes, maxQueuedBytes, timeout);
    }
}
