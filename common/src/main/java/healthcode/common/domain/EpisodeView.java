package healthcode.common.domain;

/** An active episode as the outputs show it; {@code phase} counts from 1. */
public record EpisodeView(String episodeId, Category category, int phase, Colour colour, Long phaseEndsAt,
                          String awaiting) {}
