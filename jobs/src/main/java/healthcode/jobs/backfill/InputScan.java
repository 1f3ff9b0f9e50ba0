package healthcode.jobs.backfill;

import healthcode.common.codec.Decoded;
import healthcode.common.codec.InputDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Finds the latest event time of the valid records in the input files: the default horizon. */
final class InputScan {
    private InputScan() {}

    static Long latestEventTime(Map<InputDecoder<?>, Path> files) {
        Long latest = null;
        for (Map.Entry<InputDecoder<?>, Path> file : files.entrySet()) {
            Long fileLatest = latest(file.getValue(), file.getKey());
            if (fileLatest != null && (latest == null || fileLatest > latest)) {
                latest = fileLatest;
            }
        }
        return latest;
    }

    private static <T> Long latest(Path file, InputDecoder<T> decoder) {
        Long latest = null;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                Decoded<T> decoded = decoder.decode(line);
                if (decoded.ok()) {
                    long t = decoder.eventTime(decoded.value());
                    latest = latest == null ? t : Math.max(latest, t);
                }
            }
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        return latest;
    }
}
