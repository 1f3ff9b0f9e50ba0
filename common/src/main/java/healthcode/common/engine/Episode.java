package healthcode.common.engine;

import healthcode.common.domain.Category;
import healthcode.common.domain.Colour;

/** One reason to manage a person. Its phase is derived from the plan and the known facts. */
public class Episode {
    public String id;
    public Category category;
    /** Which case, area, arrival or action this episode is about; repeated records with it extend the episode. */
    public String caseKey;
    public long anchor;
    public Long lastExposure;
    /** Event time of the latest record that opened or extended the episode. */
    public long openedAt;
    public boolean variantOfConcern;
    /** Earliest sample time counted for the first phase (the anchor, or the positive sample). */
    public long testsFrom;
    public String edition;
    /** Index of the plan variant in use; with the edition it names the phases. */
    public int variant;

    // Derived at the last evaluation, kept to notice transitions and to report them.
    public int phase;
    public long phaseStart;
    public Colour colour;
    public Long phaseEndsAt;
    public String awaiting;

    public Episode() {}
}
