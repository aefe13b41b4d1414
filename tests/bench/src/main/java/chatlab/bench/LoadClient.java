package chatlab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One member of the benchmark's room: it connects, gives its nickname, then reads everything the
 * server sends and checks it ({@link Receipts}, {@link LatencyHistogram}); at the signal it sends its
 * messages, tagged.
 *
 * <p>Two threads (virtual): the reader ({@link #read}) from the start, the sender ({@link #send})
 * for the message phase. The sender keeps at most {@code window} of its own messages in flight: it
 * waits until the echo of an earlier one comes back (every member receives its own messages). That
 * closes the loop, as a person's typing does: a server is measured at the rate it delivers, not at
 * the rate its queues can grow.
 */
final class LoadClient implements StreamScanner.Events {
    /** How long a sender waits for its own echo before it sends anyway (a server that loses some). */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int READ_SIZE = 8192;

    private final int id;
    private final String nick;
    private final LoadGenerator.Settings settings;
    private final Tally tally;
    private final Receipts receipts;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final StreamScanner scanner;
    private volatile Socket socket;
    private volatile OutputStream out;
    private volatile boolean connected;
    private volatile boolean closing;
    private volatile boolean sending; // the message phase has begun
    // The sender's window: the highest seq of our own that came back, + 1; and the sender while it waits.
    private volatile int echoed;
    private volatile Thread waitingSender;
    // Written by the reader once per chunk; read by the watching thread.
    private volatile long lastJoinedNanos;
    private volatile long lastDeliveryNanos;
    // The reader's own, per chunk:
    private long chunkNanos;
    private long chunkMicros;
    private int chunkJoined;
    private int chunkDelivered;
    private int chunkWarmedUp;
    private int chunkArrivals;

    LoadClient(int id, LoadGenerator.Settings settings, Tally tally) {
        this.id = id;
        this.nick = Dialect.nick(id);
        this.settings = settings;
        this.tally = tally;
        this.receipts = new Receipts(settings.clients(), settings.warmup() + settings.messages());
        this.scanner = new StreamScanner(this, READ_SIZE * 2);
    }

    /**
     * Connects (holding one of {@code permits} until the server says "Connected to server!", so that
     * only so many handshakes are under way at once: the listen backlog is 50), then reads until the
     * connection ends.
     */
    void read(InetSocketAddress server, Semaphore permits) {
        boolean permitHeld = false;
        try {
            permits.acquire();
            permitHeld = true;
            Socket s = new Socket();
            socket = s;
            if (closing) {
                s.close();
                return;
            }
            // The socket keeps its defaults (Nagle's algorithm on), as the seed's client and most
            // clients do: small writes made while an earlier one is unacknowledged travel together.
            s.connect(server, (int) TimeUnit.SECONDS.toMillis(30));
            out = s.getOutputStream();
            out.write(settings.dialect().nickname(nick));
            InputStream in = s.getInputStream();
            while (readChunk(in)) {
                if (connected && permitHeld) {
                    permits.release();
                    permitHeld = false;
                }
            }
        } catch (IOException e) {
            // A reset, a refused connection, or our own close at the end: see below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (permitHeld) {
                permits.release();
            }
            if (!closing) {
                (connected ? tally.disconnected : tally.failedConnects).increment();
            }
            Thread waiting = waitingSender;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        }
    }

    /**
     * Reads one chunk and checks it; false at the end of the stream.
     *
     * <p>Why a method per chunk, not the body of the loop above? Every reader stays in that loop for
     * the whole run, so a loop body is compiled for them "on the stack" (OSR), and when the message
     * phase begins (tags, {@code sending}: paths never taken while joining) the JIT throws that code
     * away. Each of 10,000 readers then went on interpreting it until it found its own way back:
     * measured at 10,000 members, up to half the load generator's processor time went to the
     * interpreter, and the load generator shares the machine with the server it measures. A method
     * called per chunk is recompiled once, for all readers, at their next chunk.
     */
    private boolean readChunk(InputStream in) throws IOException {
        scanner.ensureRoom(READ_SIZE);
        int n = in.read(scanner.buffer(), scanner.free(), READ_SIZE);
        if (n < 0) {
            return false;
        }
        chunkNanos = System.nanoTime();
        if (sending) {
            tally.reads.increment();
            tally.bytesRead.add(n);
        }
        chunkMicros = (chunkNanos - settings.epochNanos()) / 1000;
        scanner.scan(n);
        settle();
        return true;
    }

    /**
     * Sends this member's messages {@code from} to {@code from + count - 1} (the warm-up's come
     * first), at most {@code window} of them unanswered at a time.
     */
    void send(int from, int count) {
        sending = true;
        OutputStream o = out;
        try {
            if (!connected || o == null) {
                return;
            }
            int window = settings.window();
            for (int seq = from; seq < from + count && !closing; seq++) {
                awaitWindow(seq - window + 1);
                long micros = (System.nanoTime() - settings.epochNanos()) / 1000;
                o.write(settings.dialect().message(nick, id, seq, micros));
                tally.sent.increment();
            }
        } catch (IOException e) {
            // The connection ended: the reader counts that.
        } finally {
            tally.sendersDone.increment();
        }
    }

    /** Waits until our own messages up to {@code needed - 1} have come back ({@code echoed >= needed}), or a stall. */
    private void awaitWindow(int needed) {
        if (echoed >= needed) {
            return;
        }
        long deadline = System.nanoTime() + STALL_NANOS;
        waitingSender = Thread.currentThread();
        try {
            while (echoed < needed && !closing && connected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    tally.stalls.increment(); // lost on the way, probably: go on anyway
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            waitingSender = null;
        }
    }

    /** Adds what the last chunk held to the totals: one addition per chunk, not per line. */
    private void settle() {
        if (chunkJoined > 0) {
            tally.joined.add(chunkJoined);
            lastJoinedNanos = chunkNanos;
            chunkJoined = 0;
        }
        if (chunkArrivals > 0) {
            tally.arrivals.add(chunkArrivals);
            chunkArrivals = 0;
        }
        if (chunkWarmedUp > 0) {
            tally.warmedUp.add(chunkWarmedUp);
            chunkWarmedUp = 0;
        }
        if (chunkDelivered > 0) {
            tally.delivered.add(chunkDelivered);
            lastDeliveryNanos = chunkNanos;
            chunkDelivered = 0;
        }
    }

    @Override
    public void tag(int sender, int seq, long micros) {
        long before = receipts.unique();
        receipts.record(sender, seq);
        chunkArrivals++;
        if (receipts.unique() != before) {
            if (seq < settings.warmup()) {
                chunkWarmedUp++; // checked, not timed
            } else {
                chunkDelivered++;
                latencies.record(chunkMicros - micros);
            }
        }
        if (sender == id && seq + 1 > echoed) {
            echoed = seq + 1;
            Thread waiting = waitingSender;
            if (waiting != null) {
                LockSupport.unpark(waiting);
            }
        }
    }

    @Override
    public void joined() {
        chunkJoined++;
    }

    @Override
    public void connected() {
        if (!connected) {
            connected = true;
            tally.connected.increment();
        }
    }

    @Override
    public void error() {
        tally.errors.increment();
    }

    /** Ends the connection: the benchmark is over (its reader then ends). */
    void close() {
        closing = true;
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closed already
            }
        }
        Thread waiting = waitingSender;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    boolean isConnected() {
        return connected;
    }

    long lastJoinedNanos() {
        return lastJoinedNanos;
    }

    long lastDeliveryNanos() {
        return lastDeliveryNanos;
    }

    /** Read only once the reader has ended. */
    Receipts receipts() {
        return receipts;
    }

    /** Read only once the reader has ended. */
    LatencyHistogram latencies() {
        return latencies;
    }

    long garbage() {
        return scanner.garbage();
    }
}
