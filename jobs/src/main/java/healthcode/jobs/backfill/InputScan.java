package healthcode.jobs.backfill;

import healthcode.common.codec.Decoded;
import healthcode.common.codec.InputDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

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

    /** Decodes on every core: a big day's files take a single thread longer than a tenth of the backfill. */
    private static <T> Long latest(Path file, InputDecoder<T> decoder) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            OptionalLong latest = lines.parallel()
                    .filter(line -> !line.isBlank())
                    .map(decoder::decode)
                    .filter(Decoded::ok)
                    .mapToLong(decoded -> decoder.eventTime(decoded.value()))
                    .max();
            return latest.isPresent() ? latest.getAsLong() : null;
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
