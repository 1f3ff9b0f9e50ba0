package healthcode.common.engine;

import healthcode.common.domain.Category;
import healthcode.common.domain.Cause;
import healthcode.common.domain.Colour;
import healthcode.common.domain.Trigger;
import java.util.ArrayList;
import java.util.List;

/** The episode transitions of one instant, to name the cause of a colour change. */
final class Transitions {
    private record Entry(Category category, String episodeId, Colour from, Colour to, int phase, Trigger trigger,
                         boolean late) {}

    private final List<Entry> entries = new ArrayList<>();

    /** {@code from} null: the episode opened; {@code to} null: it ended (phase 0). */
    void add(Episode episode, Colour from, Colour to, Trigger trigger, boolean late) {
        entries.add(new Entry(episode.category, episode.id, from, to, to == null ? 0 : episode.phase + 1, trigger, late));
    }

    private Entry causeOf(Colour before, Colour after) {
        Entry chosen = null;
        for (Entry e : entries) {
            boolean raised = e.to == after;
            boolean lowered = e.from == before && (e.to == null || e.to.compareTo(before) < 0);
            if (after.compareTo(before) > 0 ? raised : lowered) {
                chosen = e;
            }
        }
        return chosen != null ? chosen : entries.isEmpty() ? null : entries.get(entries.size() - 1);
    }

    Cause cause(Colour before, Colour after) {
        Entry e = causeOf(before, after);
        return e == null ? null : new Cause(e.category, e.episodeId, e.phase, e.trigger);
    }

    boolean late(Colour before, Colour after) {
        Entry e = causeOf(before, after);
        return e != null && e.late;
    }
}
