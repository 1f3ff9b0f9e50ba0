package healthcode.common.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The editions of a run, ordered by {@code effectiveFrom}: each moment uses the edition in force
 * then (before the earliest, the earliest), unless one edition is forced for the whole run.
 */
public final class EditionBook implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Edition> editions;
    private final Edition forced;

    public EditionBook(List<Edition> editions, String forcedId) {
        if (editions.isEmpty()) {
            throw new EditionException("no rule edition is configured");
        }
        List<Edition> sorted = new ArrayList<>(editions);
        sorted.sort(Comparator.comparingLong(Edition::effectiveFrom).thenComparing(Edition::id));
        this.editions = List.copyOf(sorted);
        if (forcedId == null) {
            this.forced = null;
        } else {
            this.forced = sorted.stream().filter(e -> e.id().equals(forcedId)).findFirst()
                    .orElseThrow(() -> new EditionException("unknown edition '" + forcedId + "'; known: "
                            + sorted.stream().map(Edition::id).toList()));
        }
    }

    public List<Edition> editions() {
        return editions;
    }

    public Edition byId(String id) {
        for (Edition e : editions) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new EditionException("unknown edition '" + id + "'");
    }

    public Edition inForceAt(long t) {
        if (forced != null) {
            return forced;
        }
        Edition current = editions.get(0);
        for (Edition e : editions) {
            if (e.effectiveFrom() <= t) {
                current = e;
            }
        }
        return current;
    }

    /** The next instant after t at which another edition comes into force, or null. */
    public Long nextStartAfter(long t) {
        if (forced != null) {
            return null;
        }
        for (Edition e : editions) {
            if (e.effectiveFrom() > t) {
                return e.effectiveFrom();
            }
        }
        return null;
    }
}
