package healthcode.common.engine;

/** A NAT result as the engine remembers it: known from {@code knownAt} (its resultAt, or later if late). */
public class TestFact {
    public String sampleId;
    public long sampledAt;
    public long knownAt;
    public boolean positive;

    public TestFact() {}

    public TestFact(String sampleId, long sampledAt, long knownAt, boolean positive) {
        this.sampleId = sampleId;
        this.sampledAt = sampledAt;
        this.knownAt = knownAt;
        this.positive = positive;
    }
}
