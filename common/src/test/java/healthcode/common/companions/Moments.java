package healthcode.common.companions;

import healthcode.common.time.Times;

/** Named times for the companion rule tests: 2022-04-0d hh:mm in Asia/Shanghai, in milliseconds. */
final class Moments {
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final CompanionSettings SPEC = CompanionSettings.defaults();
    static final long MAX_GAP = SPEC.maxGapMs();

    private Moments() {}

    static long at(int day, int hour, int minute) {
        return Times.parseIso(String.format("2022-04-%02dT%02d:%02d:00+08:00", day, hour, minute));
    }

    static LocatedPing ping(String msisdn, long ts, long cell) {
        return new LocatedPing(msisdn, ts, 22.8170, 108.3660, cell, false);
    }
}
