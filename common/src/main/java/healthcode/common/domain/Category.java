package healthcode.common.domain;

/** Reasons to manage a person (rules.md, Categories and how they open). */
public enum Category {
    CONFIRMED(false),
    ASYMPTOMATIC(false),
    SUSPECTED(false),
    POSITIVE_SCREENING(false),
    CLOSE_CONTACT(true),
    SUB_CLOSE_CONTACT(true),
    COMPANION(true),
    CONFINED_COMPANION(true),
    HIGH_RISK_AREA(true),
    MEDIUM_RISK_AREA(true),
    SPECIAL_AREA(true),
    OVERSEAS_ARRIVAL(true),
    ARRIVAL_HIGH_RISK(true),
    ARRIVAL_RISK_COUNTY(true),
    ARRIVAL_CASE_CITY(true),
    ARRIVAL_EPIDEMIC_CITY(true),
    MANUAL_RED(false),
    MANUAL_YELLOW(false);

    private final boolean countsFromLastExposure;

    Category(boolean countsFromLastExposure) {
        this.countsFromLastExposure = countsFromLastExposure;
    }

    /** Whether a repeated record for the same episode moves its anchor to the later time. */
    public boolean countsFromLastExposure() {
        return countsFromLastExposure;
    }
}
