package healthcode.common.domain;

import java.util.List;

/** The latest state of a person ({@code healthcode.current}). */
public record CurrentState(String personId, Colour colour, long since, long seq, List<EpisodeView> activeEpisodes,
                           Long nextReviewAt) {}
