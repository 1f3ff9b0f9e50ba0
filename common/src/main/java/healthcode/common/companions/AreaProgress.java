package healthcode.common.companions;

/** One phone's progress through one risk area: its open area stay, if any, and what was already reported. */
public class AreaProgress {
    public boolean open;
    public long runFrom;
    public long runLast;
    /** End of the last area stay that was reported, so a replay never reports it twice. */
    public long reportedUntil = Long.MIN_VALUE;
    /** Last time this progress changed; it is forgotten a retention after, once no stay is open. */
    public long touchedAt;

    public AreaProgress() {}
}
