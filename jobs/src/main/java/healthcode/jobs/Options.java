package healthcode.jobs;

import healthcode.jobs.backfill.UsageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options after a command, and the words that are not options. */
record Options(Map<String, String> values, List<String> words) {

    static Options parse(List<String> args, List<String> allowed, String usage) {
        Map<String, String> values = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                words.add(arg);
                continue;
            }
            if (!allowed.contains(arg)) {
                throw new UsageException("unknown option " + arg + "; usage: " + usage);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("option " + arg + " needs a value");
            }
            values.put(arg, args.get(++i));
        }
        return new Options(values, words);
    }

    String get(String option, String fallback) {
        return values.getOrDefault(option, fallback);
    }

    int positive(String option, int fallback) {
        return whole(option, fallback, 1, Integer.MAX_VALUE, "not a positive whole number");
    }

    int nonNegative(String option, int fallback) {
        return whole(option, fallback, 0, Integer.MAX_VALUE, "not a whole number of at least 0");
    }

    int port(String option, int fallback) {
        return whole(option, fallback, 0, 65535, "not a port number");
    }

    private int whole(String option, int fallback, int min, int max, String problem) {
        String value = values.get(option);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + ": " + problem + ": " + value);
    }
}
