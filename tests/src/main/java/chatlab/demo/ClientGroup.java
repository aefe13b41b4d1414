package chatlab.demo;

import chatlab.driver.ScriptedClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients of one run, as a group: they know when everybody is in, and the demo can stop them all.
 *
 * <p>A client is <em>settled</em> once it has been answered, or its connection has ended, or it
 * could not connect: from then on it is not waiting for the server any more. Once every client is
 * settled the served ones chat a little longer and leave (see {@link Schedule}).
 *
 * <p>Times are {@link System#nanoTime()} values. Every method is safe to call from any thread.
 */
final class ClientGroup {
    private final int size;
    private final List<ScriptedClient> connected = new ArrayList<>(); // guarded by this
    private int settled;                                               // guarded by this
    private long everybodyInNanos;                                     // guarded by this; valid once settled == size
    private boolean aborted;                                           // guarded by this

    ClientGroup(int size) {
        this.size = size;
    }

    /** Registers a connected client, so that {@link #abort} can close it. */
    void joined(ScriptedClient client) {
        boolean tooLate;
        synchronized (this) {
            connected.add(client);
            tooLate = aborted;
        }
        if (tooLate) {
            closeQuietly(client);
        }
    }

    /** One more client is settled (call once per client). */
    synchronized void settled() {
        settled++;
        if (settled == size) {
            everybodyInNanos = System.nanoTime();
        }
        notifyAll();
    }

    /** Something a waiting client may care about happened (a connection ended). */
    synchronized void changed() {
        notifyAll();
    }

    synchronized boolean aborted() {
        return aborted;
    }

    /**
     * Waits until {@code nanos} (a client's arrival time).
     *
     * @return false if the run was aborted meanwhile
     */
    synchronized boolean awaitTime(long nanos) throws InterruptedException {
        while (!aborted) {
            long left = nanos - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return false;
    }

    /**
     * Waits while a served client chats: until it is time for it to leave, or its connection ended.
     *
     * @param answeredNanos when the client got its first answer
     * @return true when it is time to leave (or the run was aborted); false when the connection
     *         ended first
     */
    synchronized boolean awaitTimeToLeave(ScriptedClient client, long answeredNanos) throws InterruptedException {
        while (!aborted) {
            if (client.ending() != ScriptedClient.Ending.OPEN) {
                return false;
            }
            long leaveAt = answeredNanos + Schedule.LONGEST_STAY.toNanos();
            if (settled == size) {
                leaveAt = Math.min(leaveAt, everybodyInNanos + Schedule.CHAT.toNanos());
            }
            long left = leaveAt - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Stops the run: every client's connection is closed and every wait ends. */
    void abort() {
        List<ScriptedClient> toClose;
        synchronized (this) {
            aborted = true;
            toClose = List.copyOf(connected);
            notifyAll();
        }
        toClose.forEach(ClientGroup::closeQuietly);
    }

    private static void closeQuietly(ScriptedClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // Closing a client socket that is already broken: nothing left to do.
        }
    }
}
