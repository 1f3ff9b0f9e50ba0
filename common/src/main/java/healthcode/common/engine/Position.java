package healthcode.common.engine;

/**
 * Where an episode stands at an instant: the phase that holds (0-based) and since when, or
 * {@code ended} with the instant its last phase ended.
 *
 * @param timeUp when the holding phase is up (null: waits for a status or an outside end)
 * @param awaitingTest the phase is up but its exit condition does not hold yet
 */
public record Position(boolean ended, int phase, long start, Long timeUp, boolean awaitingTest, long endedAt) {
    static Position holding(int phase, long start, Long timeUp, boolean awaitingTest) {
        return new Position(false, phase, start, timeUp, awaitingTest, 0);
    }

    static Position endedAt(long at) {
        return new Position(true, -1, 0, null, false, at);
    }
}
