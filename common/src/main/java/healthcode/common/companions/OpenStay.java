package healthcode.common.companions;

/** The stay a phone is in now: its cell, first and last ping, and its own-position fixes. */
public class OpenStay {
    public long cell;
    public long from;
    public long last;
    public Fixes fixes = new Fixes();

    public OpenStay() {}
}
