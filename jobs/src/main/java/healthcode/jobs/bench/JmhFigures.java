package healthcode.jobs.bench;

import healthcode.jobs.bench.jmh.RuleEngineBenchmark;
import healthcode.jobs.bench.jmh.StayBuilderBenchmark;
import java.nio.file.Path;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks of {@code healthcode.jobs.bench.jmh} and adds their scores to the report. */
final class JmhFigures {
    private JmhFigures() {}

    static void run(boolean smoke, Path editions, Report report) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(RuleEngineBenchmark.class.getName())
                .include(StayBuilderBenchmark.class.getName())
                .param("editions", editions.toAbsolutePath().toString())
                .shouldFailOnError(true);
        if (smoke) {
            options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
        } else {
            options.forks(1).jvmArgsAppend("-Xmx1g").warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        for (RunResult result : new Runner(options.build()).run()) {
            String name = result.getParams().getBenchmark();
            String unit = name.contains("Stay") ? "pings" : "episodes";
            report.jmh(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), unit,
                    result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError());
        }
    }
}
