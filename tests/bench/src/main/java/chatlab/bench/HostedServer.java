package chatlab.bench;

/** A server under test inside the server JVM ({@link ServerMain}): ChatLab's stage, or the Netty room. */
interface HostedServer {
    int port();

    /** Threads the server runs on now: the stage's (virtual or platform), or Netty's event loops. */
    int threads();

    /**
     * Closes the server and waits (within a bound) for it to end.
     *
     * @return threads of the server still alive after that; 0 for a clean close
     */
    int stop() throws InterruptedException;
}
