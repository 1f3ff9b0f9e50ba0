package healthcode.common.domain;

/** A district administrator's manual action; event time {@code at}. */
public record AdminAction(String actionId, String personId, String operator, String district, AdminVerb action,
                          Category category, String episodeId, String reason, long at) {}
