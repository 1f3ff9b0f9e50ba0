package healthcode.jobs.bench.jmh;

import healthcode.common.domain.CompanionDetection;
import healthcode.common.domain.NatOutcome;
import healthcode.common.domain.NatResult;
import healthcode.common.engine.EngineSettings;
import healthcode.common.engine.HealthCodeEngine;
import healthcode.common.engine.PersonEvent;
import healthcode.common.engine.PersonState;
import healthcode.common.rules.EditionBook;
import healthcode.common.rules.EditionLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The rule engine through a companion's whole episode, as the keyed function drives it: the detection
 * (yellow), a negative test every other day, and every wake-up the engine asks for until it is green again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleEngineBenchmark {
    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;

    /** The editions folder (config/editions). */
    @Param("config/editions")
    public String editions;

    private HealthCodeEngine engine;
    private final TreeMap<Long, List<PersonEvent>> records = new TreeMap<>();

    @Setup
    public void companionWithTests() {
        engine = new HealthCodeEngine(new EditionBook(EditionLoader.loadFolder(Path.of(editions)), null),
                EngineSettings.DEFAULTS);
        long detected = 1_649_000_000_000L;
        CompanionDetection companion = new CompanionDetection("c-1", "10000000001", List.of("p-1"), "88415a8d15fffff",
                detected - 3 * DAY, detected - 3 * DAY + HOUR, 60, false, null, detected);
        add(PersonEvent.of(companion, "p-1"));
        for (int day = 1; day <= 13; day += 2) {
            long result = detected + day * DAY + 6 * HOUR;
            add(PersonEvent.of(new NatResult("p-1", "s-" + day, result - 5 * HOUR, result, NatOutcome.NEGATIVE, null)));
        }
    }

    private void add(PersonEvent event) {
        records.computeIfAbsent(event.eventTime, t -> new ArrayList<>()).add(event);
    }

    /** Whole episodes per second (each: about a dozen instants, two colour changes). */
    @Benchmark
    public int companionEpisode(Blackhole changes) {
        PersonState state = new PersonState("p-1", records.firstKey());
        Long next = records.firstKey();
        int steps = 0;
        while (next != null) {
            List<PersonEvent> now = records.getOrDefault(next, List.of());
            changes.consume(engine.step(state, next, now, false));
            steps++;
            Long record = records.higherKey(next);
            Long wake = engine.nextWakeUp(state);
            next = wake == null || (record != null && record < wake) ? record : wake;
        }
        return steps;
    }
}
