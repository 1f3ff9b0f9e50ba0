package healthcode.common.domain;

/** Where an arriving person comes from, and the arrival category it opens. */
public enum OriginRisk {
    OVERSEAS(Category.OVERSEAS_ARRIVAL),
    HIGH_RISK_AREA(Category.ARRIVAL_HIGH_RISK),
    RISK_COUNTY(Category.ARRIVAL_RISK_COUNTY),
    CASE_CITY(Category.ARRIVAL_CASE_CITY),
    EPIDEMIC_CITY(Category.ARRIVAL_EPIDEMIC_CITY);

    private final Category category;

    OriginRisk(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
