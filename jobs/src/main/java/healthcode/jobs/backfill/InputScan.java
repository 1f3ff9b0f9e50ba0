package healthcode.jobs.backfill;

import healthcode.common.codec.Decoded;
import healthcode.common.codec.InputDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the latest event time of the valid records in the input files: the default horizon. */
final class InputScan {
    private InputScan() {}

    static Long latestEventTime(Path folder, List<InputDecoder<?>> decoders) {
        Long latest = null;
        for (InputDecoder<?> decoder : decoders) {
            Long fileLatest = latest(folder.resolve(decoder.kind().fileName()), decoder);
            if (fileLatest != null && (latest == null || fileLatest > latest)) {
                latest = fileLatest;
            }
        }
        return latest;
    }

    private static <T> Long latest(Path file, InputDecoder<T> decoder) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
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
