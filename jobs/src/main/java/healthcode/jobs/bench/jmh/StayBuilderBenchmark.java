package healthcode.jobs.bench.jmh;

import healthcode.common.companions.LocatedPing;
import healthcode.common.companions.OpenStay;
import healthcode.common.companions.Stays;
import healthcode.common.geo.GridCells;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The stay builder ({@link Stays#next}) over a phone's week of pings (home, commute, work, evenings out,
 * hourly updates plus bursts), and placing each ping on the grid first, as the decoder does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StayBuilderBenchmark {
    static final int PINGS = 300;
    private static final long MINUTE = 60_000;
    private final LocatedPing[] pings = new LocatedPing[PINGS];
    private GridCells grid;

    @Setup
    public void weekOfPings() {
        grid = new GridCells(8);
        Random random = new Random(7);
        double[][] places = {{22.817, 108.366}, {22.825, 108.321}, {22.840, 108.300}, {22.790, 108.380}};
        long t = 1_648_742_400_000L;
        for (int i = 0; i < PINGS; i++) {
            double[] at = places[(i / 12) % places.length];
            double lat = at[0] + random.nextGaussian() * 0.0003;
            double lon = at[1] + random.nextGaussian() * 0.0003;
            pings[i] = new LocatedPing("10000000001", t, lat, lon, grid.cellOf(lat, lon), random.nextDouble() < 0.3);
            t += random.nextDouble() < 0.2 ? random.nextInt(3) * MINUTE : 60 * MINUTE;
        }
    }

    /** Pings per second through the stay builder. */
    @Benchmark
    @OperationsPerInvocation(PINGS)
    public void stays(Blackhole ended) {
        OpenStay open = null;
        for (LocatedPing ping : pings) {
            Stays.Step step = Stays.next(open, ping, 30 * MINUTE);
            open = step.open();
            ended.consume(step.ended());
        }
    }

    /** Pings per second placed on the grid (H3) and through the stay builder. */
    @Benchmark
    @OperationsPerInvocation(PINGS)
    public void placedAndStays(Blackhole ended) {
        OpenStay open = null;
        for (LocatedPing ping : pings) {
            ping.cell = grid.cellOf(ping.lat, ping.lon);
            Stays.Step step = Stays.next(open, ping, 30 * MINUTE);
            open = step.open();
            ended.consume(step.ended());
        }
    }
}
