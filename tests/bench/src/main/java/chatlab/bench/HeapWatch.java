package chatlab.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The server JVM's heap, watched from inside: the most it held (the heap in use just before each
 * garbage collection is a high point, so every collection reports one, and a sampler catches the
 * rest), and what is still live after a full collection.
 */
final class HeapWatch {
    private final AtomicLong peakUsed = new AtomicLong();

    private HeapWatch() {
    }

    static HeapWatch start() {
        HeapWatch watch = new HeapWatch();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long before = info.getGcInfo().getMemoryUsageBeforeGc().values().stream()
                                .mapToLong(MemoryUsage::getUsed).sum();
                        watch.peakUsed.accumulateAndGet(before, Math::max);
                    }
                }, null, null);
            }
        }
        return watch;
    }

    /** Notes the heap in use now (a sampler calls this). */
    void sample() {
        peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    }

    /** The most heap in use seen, in bytes. */
    long peakUsed() {
        sample();
        return peakUsed.get();
    }

    /** The heap still in use after a full collection: what the server really holds, in bytes. */
    static long liveAfterCollection() {
        System.gc(); // a measurement, on request: the benchmark asks once, all clients connected
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The most heap this JVM may take ({@code -Xmx}), in bytes. */
    static long limit() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    /** Time spent collecting garbage so far, in milliseconds. */
    static long collectionMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }
}
