package chatlab.demo;

import java.time.Duration;
import java.util.List;

/**
 * The demo's script: which clients arrive, when, and how long each one stays.
 *
 * <p>Clients arrive {@link #arrivalGap()} apart, in order. A client that has been answered chats
 * until everybody is in (answered, or gone) and then {@link #CHAT} longer; but it never stays more
 * than {@link #LONGEST_STAY} after its own first answer, so on a server that serves one client at
 * a time the others get their turn. Clients leave by themselves: the operator never ends a session,
 * so that a server that mixes up its sessions still shows who was answered and when.
 *
 * @param names      the clients, in order of arrival
 * @param arrivalGap the time between two arrivals
 */
record Schedule(List<String> names, Duration arrivalGap) {
    /** At most this many clients: enough for a classroom picture, and every row still fits. */
    static final int MAX_CLIENTS = 10;
    static final int DEFAULT_CLIENTS = 3;
    /** The time between two arrivals when there are few clients. */
    static final Duration USUAL_GAP = Duration.ofMillis(250);
    /** Every client has arrived within this time, however many there are. */
    static final Duration ARRIVALS_WITHIN = Duration.ofSeconds(1);
    /** How long a served client chats once everybody is in. */
    static final Duration CHAT = Duration.ofMillis(500);
    /**
     * How long a served client stays at most. It is longer than {@link #ARRIVALS_WITHIN}: on a
     * one-shot server the first client is still there when the last one connects.
     */
    static final Duration LONGEST_STAY = Duration.ofMillis(1500);
    /**
     * The observation window's margin beyond the longest wait a correct server can cause. A client
     * that has no answer when the window closes gives up: absence of an answer is what the demo
     * measures, and nothing proves it but a bounded wait.
     */
    static final Duration ANSWER_MARGIN = Duration.ofSeconds(2);

    private static final List<String> NAMES =
            List.of("Ann", "Bob", "Cleo", "Dev", "Eve", "Femi", "Gus", "Hana", "Ivo", "Jun");

    Schedule {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a demo needs at least one client");
        }
    }

    /** The schedule for {@code clients} clients (1 to {@link #MAX_CLIENTS}). */
    static Schedule of(int clients) {
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("1 to " + MAX_CLIENTS + " clients, not " + clients);
        }
        Duration gap = clients == 1 ? USUAL_GAP : ARRIVALS_WITHIN.dividedBy(clients - 1);
        return new Schedule(NAMES.subList(0, clients), gap.compareTo(USUAL_GAP) < 0 ? gap : USUAL_GAP);
    }

    int clients() {
        return names.size();
    }

    /** When client {@code index} (from 0) calls {@code connect()}, from the start of a run. */
    Duration arrival(int index) {
        return arrivalGap.multipliedBy(index);
    }

    /**
     * The observation window, from the start of a run: a client still waiting for its first answer
     * when it closes gives up. It is longer than the last client's wait on a server that serves the
     * clients one after another, each for {@link #LONGEST_STAY}.
     */
    Duration observationWindow() {
        return arrival(clients() - 1).plus(LONGEST_STAY.multipliedBy(clients())).plus(ANSWER_MARGIN);
    }

    /** The line a client says once answered; the operator answers it. */
    static String hello(String name) {
        return "Hello, I am " + name + "!";
    }

    /** The operator's answer to {@link #hello}. */
    static String welcome(String name) {
        return "Hi " + name + ", welcome!";
    }
}
