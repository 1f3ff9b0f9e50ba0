package healthcode.jobs.backfill;

import healthcode.common.time.Times;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code backfill --input DIR --output DIR [--edition ID] [--until TIME] [--config FILE]}, checked. */
public record BackfillArguments(Path input, Path output, String edition, Long until, Path config) {

    public static BackfillArguments parse(List<String> args, Path defaultConfig) {
        Path input = null;
        Path output = null;
        String edition = null;
        Long until = null;
        Path config = defaultConfig;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new UsageException("option " + option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--input" -> input = Path.of(value);
                case "--output" -> output = Path.of(value);
                case "--edition" -> edition = value;
                case "--until" -> until = parseTime(value);
                case "--config" -> config = Path.of(value);
                default -> throw new UsageException("unknown option " + option
                        + "; usage: backfill --input DIR --output DIR [--edition ID] [--until TIME] [--config FILE]");
            }
        }
        if (input == null) {
            throw new UsageException("missing --input DIR");
        }
        if (output == null) {
            throw new UsageException("missing --output DIR");
        }
        if (!Files.isDirectory(input)) {
            throw new UsageException("input folder " + input + " does not exist or is not a folder");
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new UsageException("output " + output + " is not a folder");
        }
        return new BackfillArguments(input, output, edition, until, config);
    }

    private static long parseTime(String text) {
        if (text.matches("-?\\d+")) {
            return Long.parseLong(text);
        }
        try {
            return Times.parseIso(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--until: " + e.getMessage());
        }
    }
}
