package healthcode.jobs.healthcode;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;

/** A source of raw records (JSON text) and how its watermarks are made. */
public record SourceSpec(Source<String, ?, ?> source, WatermarkStrategy<String> watermarks) {}
