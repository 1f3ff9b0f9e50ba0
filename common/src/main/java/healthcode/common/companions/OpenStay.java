package healthcode.common.companions;

/** The stay a phone is in now: its cell, first and last ping, and its own-position fixes. */
public class OpenStay {
    public long cell;
    public long from;
    public long last;
    public Fixes fixes = new Fixes();
    /**
     * When a stream job next checks this stay for silence (0: not set). One check per max-gap
     * instead of one per ping: a check that finds the stay still going sets the next.
     */
    public long silenceCheckAt;

    public OpenStay() {}
}
