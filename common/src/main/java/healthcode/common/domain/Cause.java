package healthcode.common.domain;

/** The episode transition behind a colour change; {@code phase} is the phase entered (from 1), 0 when the episode ended. */
public record Cause(Category category, String episodeId, int phase, Trigger trigger) {}
