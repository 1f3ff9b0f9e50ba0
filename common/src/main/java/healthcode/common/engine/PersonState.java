package healthcode.common.engine;

import healthcode.common.domain.Colour;
import java.util.ArrayList;
import java.util.List;

/** Everything the engine keeps for one person. */
public class PersonState {
    public String personId;
    public Colour colour = Colour.GREEN;
    /** When the current colour started (first seen, for a person who was never red or yellow). */
    public long since;
    /** Number of colour changes emitted so far. */
    public long seq;
    /** The last instant the engine evaluated; later records and timers are never before it. */
    public long evaluatedAt = Long.MIN_VALUE;
    /** The last instant a record arrived or an episode was active; retention counts from it. */
    public long lastActivity;
    public List<Episode> episodes = new ArrayList<>();
    public List<TestFact> tests = new ArrayList<>();
    public List<StatusFact> statuses = new ArrayList<>();
    public List<SeenId> endedEpisodes = new ArrayList<>();
    public List<SeenId> actions = new ArrayList<>();

    public PersonState() {}

    public PersonState(String personId, long firstSeen) {
        this.personId = personId;
        this.since = firstSeen;
        this.lastActivity = firstSeen;
    }
}
