package chatlab.suite;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A room scenario: the steps of a chat, in the order the driver performs them.
 *
 * @param steps what the clients do, one step at a time
 */
public record RoomScenario(List<RoomStep> steps) {
    public RoomScenario {
        steps = List.copyOf(steps);
    }

    /** The scenario as a numbered script. */
    @Override
    public String toString() {
        return IntStream.range(0, steps.size())
                .mapToObj(i -> (i + 1) + ". " + steps.get(i))
                .collect(Collectors.joining("\n"));
    }
}
