package healthcode.common.engine;

/** An id already used (an ended episode, an applied admin action) and when, so it can be forgotten later. */
public class SeenId {
    public String id;
    public long at;

    public SeenId() {}

    public SeenId(String id, long at) {
        this.id = id;
        this.at = at;
    }
}
