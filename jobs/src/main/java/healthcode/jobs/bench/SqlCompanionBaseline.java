package healthcode.jobs.bench;

import healthcode.common.codec.Decoded;
import healthcode.common.codec.InputDecoders;
import healthcode.common.codec.LocatedPings;
import healthcode.common.companions.CaseWindow;
import healthcode.common.companions.CompanionSettings;
import healthcode.common.domain.CaseReport;
import healthcode.jobs.functions.DecodeFunction;
import healthcode.jobs.io.LocalFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * The companion query as a Flink user would first write it in SQL: stays as session windows per
 * phone and cell, each stay's 14-day dwell in its cell as an OVER window, an interval self-join of the
 * stays on the cell, then a regular join with the cases' exposure windows. Parsing and placing the
 * pings is the project's (the same decoder as the workflow), so the two differ only in the query.
 *
 * <p>Where it differs from companions.md, on purpose, as a first attempt would: a session window per
 * (phone, cell) ends at its last ping + the gap and merges a return within the gap, where a stay ends
 * at the first ping elsewhere; the dwell sums whole stays up to the stay, not to the overlap's end.
 */
final class SqlCompanionBaseline {
    /** The (case, phone) pairs found: a phone is its case's companion at least once. */
    static final Set<String> FOUND = ConcurrentHashMap.newKeySet();

    private SqlCompanionBaseline() {}

    static Set<String> run(StreamExecutionEnvironment env, Path pings, Path cases, LocatedPings decoder,
                           CompanionSettings settings, java.time.Duration bound) throws Exception {
        FOUND.clear();
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        RowTypeInfo pingRow = new RowTypeInfo(new org.apache.flink.api.common.typeinfo.TypeInformation<?>[] {
                Types.STRING, Types.LONG, Types.LONG}, new String[] {"phone", "cell", "ts"});
        DataStream<Row> located = env.fromSource(LocalFiles.lines(pings), WatermarkStrategy.noWatermarks(), "source-pings")
                .process(new DecodeFunction<>(decoder, p -> Row.of(p.msisdn, p.cell, p.ts)), pingRow)
                // as the workflow's run: the latest ping's time minus the live out-of-orderness bound
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Row>forBoundedOutOfOrderness(bound)
                        .withTimestampAssigner((row, previous) -> (Long) row.getField("ts")));
        tables.createTemporaryView("pings", tables.fromDataStream(located, Schema.newBuilder()
                .columnByMetadata("rowtime", "TIMESTAMP_LTZ(3)")
                .watermark("rowtime", "SOURCE_WATERMARK()").build()));

        RowTypeInfo windowRow = new RowTypeInfo(new org.apache.flink.api.common.typeinfo.TypeInformation<?>[] {
                Types.STRING, Types.STRING, Types.STRING, Types.INSTANT, Types.INSTANT},
                new String[] {"caseId", "phone", "casePhones", "windowFrom", "windowTo"});
        tables.createTemporaryView("case_windows", tables.fromDataStream(
                env.fromData(caseWindows(cases, settings), windowRow)));

        long gapMinutes = settings.maxGap().toMinutes();
        long minOverlapSeconds = settings.minOverlap().toSeconds();
        tables.createTemporaryView("stays", tables.sqlQuery(""
                + " SELECT phone, cell, window_start AS stayFrom, window_end AS stayTo, window_time AS rt"
                + " FROM TABLE(SESSION(TABLE pings PARTITION BY (phone, cell), DESCRIPTOR(rowtime),"
                + "   INTERVAL '" + gapMinutes + "' MINUTE))"
                + " GROUP BY phone, cell, window_start, window_end, window_time"));
        tables.createTemporaryView("dwelt", tables.sqlQuery(""
                + " SELECT phone, cell, stayFrom, stayTo, rt,"
                + "   SUM(TIMESTAMPDIFF(SECOND, stayFrom, stayTo)) OVER (PARTITION BY phone, cell ORDER BY rt"
                + "     RANGE BETWEEN INTERVAL '" + settings.dwellLookback().toDays() + "' DAY PRECEDING AND CURRENT ROW)"
                + "   AS dwellSeconds"
                + " FROM stays"));
        tables.createTemporaryView("copresent", tables.sqlQuery(""
                + " SELECT a.phone AS casePhone, b.phone AS phone, a.cell AS cell,"
                + "   GREATEST(a.stayFrom, b.stayFrom) AS overlapFrom, LEAST(a.stayTo, b.stayTo) AS overlapTo"
                + " FROM dwelt a JOIN dwelt b ON a.cell = b.cell AND a.phone <> b.phone"
                + "   AND b.rt BETWEEN a.rt - INTERVAL '1' DAY AND a.rt + INTERVAL '1' DAY"
                + " WHERE TIMESTAMPDIFF(SECOND, GREATEST(a.stayFrom, b.stayFrom), LEAST(a.stayTo, b.stayTo)) >= "
                + minOverlapSeconds
                + "   AND (a.dwellSeconds > " + settings.minCumulativeDwell().toSeconds()
                + "     OR b.dwellSeconds > " + settings.minCumulativeDwell().toSeconds() + ")"));
        Table companions = tables.sqlQuery("SELECT w.caseId, c.phone"
                + " FROM copresent c JOIN case_windows w ON c.casePhone = w.phone"
                + " WHERE POSITION(CONCAT('|', c.phone, '|') IN w.casePhones) = 0"
                + "   AND TIMESTAMPDIFF(SECOND, GREATEST(c.overlapFrom, w.windowFrom), LEAST(c.overlapTo, w.windowTo)) >= "
                + minOverlapSeconds);
        tables.toDataStream(companions).map(row -> row.getField(0) + " " + row.getField(1)).name("sql-companions")
                .sinkTo(new CollectingSink());
        env.execute("benchmark-sql-interval-join");
        return new TreeSet<>(FOUND);
    }

    private static List<Row> caseWindows(Path cases, CompanionSettings settings) throws IOException {
        List<Row> rows = new ArrayList<>();
        InputDecoders.Cases decoder = new InputDecoders.Cases();
        for (String line : Files.readAllLines(cases, StandardCharsets.UTF_8)) {
            Decoded<CaseReport> report = decoder.decode(line);
            if (!report.ok()) {
                continue;
            }
            for (CaseWindow w : CaseWindow.of(report.value(), settings)) {
                rows.add(Row.of(w.caseId, w.msisdn, "|" + String.join("|", w.casePhones) + "|",
                        Instant.ofEpochMilli(w.from), Instant.ofEpochMilli(w.to)));
            }
        }
        return rows;
    }

    /** Collects into {@link #FOUND}: the benchmark runs on the embedded cluster, in this JVM. */
    private static final class CollectingSink implements Sink<String> {
        @Override
        public SinkWriter<String> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(String pair, Context context) {
                    FOUND.add(pair);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
