package chatlab.stage;

/**
 * The server operator's console (stages 1 and 2 chat through it; stages 3 and 4 only print).
 *
 * <p>For a person it is the terminal. Its input is read by one long-lived reader that belongs to
 * the harness, which puts each line in a queue: so no thread of the stage ever stays blocked on
 * {@code System.in} after its session is over, and {@link #readLine()} can be interrupted. Tests
 * script the console instead: they type lines and watch what is printed.
 */
public interface OperatorConsole {

    /**
     * Waits for the operator's next line.
     *
     * <p>Once the console's input has ended (Ctrl-D, or the end of a script) no line will come,
     * so this waits until the calling thread is interrupted, just as if the operator never typed
     * again: end of input means "no more operator lines", never "the session is over".
     *
     * @return the next line the operator typed, without its line ending
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    String readLine() throws InterruptedException;

    /**
     * Drops the lines the operator typed that nobody has read yet. Lines typed while no client is
     * being served go to nobody: a stage calls this when a new session starts, so that they do not
     * reach the new client.
     */
    void discardPending();

    /** Shows a line to the operator. Safe to call from any thread. */
    void println(String line);
}
