package healthcode.common.rules;

/** Where a plan's first phase starts. */
public enum TimelineStart {
    /** The category's anchor (rules.md table), e.g. the last exposure or the arrival. */
    ANCHOR,
    /** The event time of the opening record ("from report", "from detection"). */
    EVENT,
    /** The record's {@code lastExposureAt} when it has one, else the anchor ("from leaving"). */
    LAST_EXPOSURE
}
