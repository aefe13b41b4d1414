package chatlab.bench;

import chatlab.stage.StageId;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/** One server the benchmark measures, and how to start it. */
sealed interface Contender {
    /** How it reads in the table: {@code stage 4 virtual}, {@code Netty room}... */
    String label();

    /** What kind of server it is, for the results file: {@code chatlab}, {@code netty}, {@code seed}, {@code external}. */
    String kind();

    /** How clients speak to it. */
    Dialect dialect();

    /** Starts it, in a process of its own; null for a server that runs already ({@code --against}). */
    ServerProcess start(int heapMB) throws InterruptedException;

    /** A stage of ChatLab, compiled in {@code classes}, on virtual or platform threads. */
    record Stage(StageId stage, String implementation, Path classes, StageServer.ThreadKind threads) implements Contender {
        @Override
        public String label() {
            String owner = implementation.equals("solutions") ? "" : " (" + implementation + ")";
            return "stage " + stage.number() + owner + ", " + threads.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String kind() {
            return "chatlab";
        }

        @Override
        public Dialect dialect() {
            return Dialect.CHATLAB;
        }

        @Override
        public ServerProcess start(int heapMB) throws InterruptedException {
            return ServerProcess.startJvm(label(), List.of("chatlab", Integer.toString(stage.number()),
                    classes.toString(), threads.name()), heapMB);
        }
    }

    /** The Netty room, ChatLab's professional yardstick. */
    record Netty() implements Contender {
        @Override
        public String label() {
            return "Netty room";
        }

        @Override
        public String kind() {
            return "netty";
        }

        @Override
        public Dialect dialect() {
            return Dialect.CHATLAB;
        }

        @Override
        public ServerProcess start(int heapMB) throws InterruptedException {
            return ServerProcess.startJvm(label(), List.of("netty"), heapMB);
        }
    }

    /** The seed's Python server (seed 001), run from the script the user names. */
    record Seed(Path script) implements Contender {
        @Override
        public String label() {
            return "seed 001 (Python)";
        }

        @Override
        public String kind() {
            return "seed";
        }

        @Override
        public Dialect dialect() {
            return Dialect.SEED;
        }

        @Override
        public ServerProcess start(int heapMB) throws InterruptedException {
            return ServerProcess.startSeed(script);
        }
    }

    /** A server that runs already, anywhere ({@code --against HOST:PORT}). */
    record External(InetSocketAddress address, Dialect dialect) implements Contender {
        @Override
        public String label() {
            return address.getHostString() + ":" + address.getPort();
        }

        @Override
        public String kind() {
            return "external";
        }

        @Override
        public ServerProcess start(int heapMB) {
            return null;
        }
    }
}
