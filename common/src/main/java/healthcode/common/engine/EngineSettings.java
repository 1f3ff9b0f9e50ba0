package healthcode.common.engine;

import healthcode.common.time.Times;
import java.io.Serializable;
import java.time.ZoneId;

/**
 * Numbers of the engine that the rules leave open.
 *
 * @param factRetentionMillis how long test results, statuses, ended-episode ids and admin action ids are
 *     remembered after they happened (for late openings, re-plans and idempotence), unless an active
 *     episode still needs them
 * @param personRetentionMillis how long a person with no active episode is remembered after the last
 *     record or episode; after that the whole state is dropped and a later change starts again at seq 1
 * @param outputZone zone of output timestamps and of time-based episode ids
 */
public record EngineSettings(long factRetentionMillis, long personRetentionMillis, ZoneId outputZone)
        implements Serializable {
    public static final EngineSettings DEFAULTS = new EngineSettings(60 * Times.DAY, 400 * Times.DAY, Times.zone("Asia/Shanghai"));
}
