package chatlab.suite;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A hardened-room scenario (stage 4): the steps of a chat, in the order the driver performs them.
 *
 * @param steps  what the clients do, one step at a time
 * @param ending what happens after the last step, as the script's last line
 */
record HardenedScenario(List<HardenedStep> steps, String ending) {
    /** How a scenario played by {@link HardenedRoomDriver#play} ends. */
    static final String MARKER_ENDING = "The first member still in the room sends " + Texts.quote(RoomDriver.END_MARKER)
            + ", which every member must receive as its next line.";

    HardenedScenario {
        steps = List.copyOf(steps);
    }

    /** A scenario that ends with the marker message. */
    HardenedScenario(List<HardenedStep> steps) {
        this(steps, MARKER_ENDING);
    }

    /** The same steps, with another ending. */
    HardenedScenario endingWith(String last) {
        return new HardenedScenario(steps, last);
    }

    /** The scenario as a numbered script. */
    @Override
    public String toString() {
        return Stream.concat(IntStream.range(0, steps.size()).mapToObj(i -> (i + 1) + ". " + steps.get(i)),
                        Stream.of((steps.size() + 1) + ". " + ending))
                .collect(Collectors.joining("\n"));
    }
}
