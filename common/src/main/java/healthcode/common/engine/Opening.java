package healthcode.common.engine;

import healthcode.common.domain.Category;

/**
 * What a record asks of the engine: open an episode of a category, or extend the active one with
 * the same {@code caseKey}.
 */
record Opening(Category category, String caseKey, String episodeId, long anchor, Long lastExposure, long openedAt,
               boolean variantOfConcern, long testsFrom) {

    static Opening of(Category category, String caseKey, String idSuffix, long anchor, long openedAt) {
        return new Opening(category, caseKey, category + ":" + idSuffix, anchor, null, openedAt, false, anchor);
    }
}
