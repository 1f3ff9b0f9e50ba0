package healthcode.common.domain;

/** Risk-area levels and the category an exposure opens. */
public enum AreaLevel {
    HIGH(Category.HIGH_RISK_AREA),
    MEDIUM(Category.MEDIUM_RISK_AREA),
    SEALED(Category.SPECIAL_AREA),
    CONTROL(Category.SPECIAL_AREA);

    private final Category category;

    AreaLevel(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
