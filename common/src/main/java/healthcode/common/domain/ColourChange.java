package healthcode.common.domain;

import java.util.List;

/** One colour change of a person ({@code healthcode.changes}). */
public record ColourChange(String personId, long seq, Colour from, Colour to, long at, String edition, Cause cause,
                           List<EpisodeView> activeEpisodes, Long nextReviewAt, boolean late) {}
