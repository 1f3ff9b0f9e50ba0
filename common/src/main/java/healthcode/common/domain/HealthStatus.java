package healthcode.common.domain;

/** Health-commission list statuses carried by {@code case-status}. */
public enum HealthStatus {
    CONFIRMED, ASYMPTOMATIC, SUSPECTED, CLOSE_CONTACT, SUB_CLOSE_CONTACT,
    DISCHARGED, SUSPECT_EXCLUDED, CONTACT_RELEASED, YELLOW_RELEASED, FALSE_POSITIVE
}
