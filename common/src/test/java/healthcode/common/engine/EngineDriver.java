package healthcode.common.engine;

import healthcode.common.domain.ColourChange;
import healthcode.common.domain.CurrentState;
import healthcode.common.rules.EditionBook;
import healthcode.common.rules.EditionLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drives the engine for one person the way the keyed Flink function does: records are applied in
 * event-time order, and the engine is woken at every instant it asks for, up to a horizon.
 */
public final class EngineDriver {
    static final Path EDITIONS = Path.of("..", "config", "editions");

    private final HealthCodeEngine engine;
    private final TreeMap<Long, List<PersonEvent>> pending = new TreeMap<>();
    private PersonState state;

    public EngineDriver(HealthCodeEngine engine) {
        this.engine = engine;
    }

    static EngineDriver withEditions(String forcedEdition) {
        EditionBook book = new EditionBook(EditionLoader.loadFolder(EDITIONS), forcedEdition);
        return new EngineDriver(new HealthCodeEngine(book, EngineSettings.DEFAULTS));
    }

    public EngineDriver record(PersonEvent event) {
        pending.computeIfAbsent(event.eventTime, t -> new ArrayList<>()).add(event);
        return this;
    }

    /** Applies everything up to and including the horizon; returns the changes in order. */
    public List<ColourChange> runUntil(long horizon) {
        List<ColourChange> changes = new ArrayList<>();
        while (true) {
            Long nextRecord = pending.isEmpty() ? null : pending.firstKey();
            Long wake = state == null ? null : engine.nextWakeUp(state);
            Long next = nextRecord;
            if (wake != null && (next == null || wake < next)) {
                next = wake;
            }
            if (next == null || next > horizon) {
                return changes;
            }
            List<PersonEvent> records = next.equals(nextRecord) ? pending.pollFirstEntry().getValue() : List.of();
            if (state == null) {
                state = new PersonState(records.get(0).personId, next);
            }
            ColourChange change = engine.step(state, next, records, false);
            if (change != null) {
                changes.add(change);
            }
        }
    }

    /** A record that arrives late: applied at {@code now}, after everything before it. */
    ColourChange late(PersonEvent event, long now) {
        return engine.step(state, now, List.of(event), true);
    }

    public PersonState state() {
        return state;
    }

    public CurrentState current() {
        return engine.current(state);
    }

    Map<Long, List<PersonEvent>> pending() {
        return pending;
    }
}
