package chatlab.bench;

import java.util.concurrent.atomic.LongAdder;

/**
 * The load generator's running totals, added to by every client's thread (a chunk at a time) and
 * read by the thread that watches the phases.
 */
final class Tally {
    final LongAdder connected = new LongAdder();      // clients that got "Connected to server!"
    final LongAdder failedConnects = new LongAdder(); // clients that could not connect or were cut before joining
    final LongAdder joined = new LongAdder();         // "joined!" notices received, all clients
    final LongAdder warmedUp = new LongAdder();       // first arrivals of warm-up messages
    final LongAdder delivered = new LongAdder();      // first arrivals of measured messages
    final LongAdder arrivals = new LongAdder();       // every arrival of a tag, duplicates included
    final LongAdder errors = new LongAdder();         // "ERROR ..." lines received
    final LongAdder disconnected = new LongAdder();   // connections that ended before the benchmark closed them
    final LongAdder sent = new LongAdder();           // messages written
    final LongAdder sendersDone = new LongAdder();
    final LongAdder stalls = new LongAdder();
    final LongAdder reads = new LongAdder();          // reads that returned bytes, message phase
    final LongAdder bytesRead = new LongAdder();      // what they returned         // a sender waited out a full stall for its own echo
}
