package healthcode.common.companions;

/**
 * A phone's stay in one grid cell (companions.md, Stays), with the own-position fixes it holds
 * (tower pings have none) and the moment from which the phone's dwell in the cell exceeds the limit.
 */
public class Stay {
    public String msisdn;
    public long cell;
    public long from;
    public long to;
    /** Earliest instant of the stay at which the phone's dwell in the cell exceeds the limit; Long.MAX_VALUE if none. */
    public long dwellExceededFrom;
    public Fixes fixes = new Fixes();

    public Stay() {}

    public Stay(String msisdn, long cell, long from, long to, long dwellExceededFrom, Fixes fixes) {
        this.msisdn = msisdn;
        this.cell = cell;
        this.from = from;
        this.to = to;
        this.dwellExceededFrom = dwellExceededFrom;
        this.fixes = fixes;
    }

    public boolean dwellExceededAt(long instant) {
        return instant >= dwellExceededFrom;
    }

    @Override
    public String toString() {
        return "stay[" + from + ", " + to + "] cell " + Long.toHexString(cell);
    }
}
