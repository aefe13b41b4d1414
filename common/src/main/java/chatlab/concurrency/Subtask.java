package chatlab.concurrency;

/**
 * A subtask forked into a {@link TaskScope}: its state, and once it has ended, its result or the
 * exception it failed with. The JDK's counterpart is {@code StructuredTaskScope.Subtask}.
 *
 * @param <T> the type of the result
 */
public final class Subtask<T> {

    /** Where a subtask is in its life. */
    public enum State {
        /** Not finished yet. */
        RUNNING,
        /** Returned a result. */
        SUCCESS,
        /** Threw an exception. */
        FAILED,
        /** Never started, because the scope was already cancelled. */
        CANCELLED
    }

    private volatile State state = State.RUNNING;
    private volatile T result;
    private volatile Throwable exception;

    Subtask() {
    }

    void succeeded(T value) {
        result = value;
        state = State.SUCCESS;
    }

    void failed(Throwable t) {
        exception = t;
        state = State.FAILED;
    }

    void cancelled() {
        state = State.CANCELLED;
    }

    public State state() {
        return state;
    }

    /** The result of a subtask that succeeded. */
    public T get() {
        if (state != State.SUCCESS) {
            throw new IllegalStateException("no result: the subtask is " + state);
        }
        return result;
    }

    /** The exception of a subtask that failed. */
    public Throwable exception() {
        if (state != State.FAILED) {
            throw new IllegalStateException("no exception: the subtask is " + state);
        }
        return exception;
    }

    @Override
    public String toString() {
        return "Subtask[" + state + "]";
    }
}
