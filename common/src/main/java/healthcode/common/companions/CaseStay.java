package healthcode.common.companions;

/** A stay of a case's phone that overlaps the case's exposure window. */
public class CaseStay {
    public CaseWindow window;
    public Stay stay;

    public CaseStay() {}

    public CaseStay(CaseWindow window, Stay stay) {
        this.window = window;
        this.stay = stay;
    }

    /** When the pair is known: the case is reported and the stay has ended. */
    public long knownAt() {
        return Math.max(window.reportedAt, stay.to);
    }

    @Override
    public String toString() {
        return window + " " + stay;
    }
}
