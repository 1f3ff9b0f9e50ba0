package healthcode.jobs.demo;

import java.nio.file.Path;
import java.util.List;

/** Placeholder replaced below. */
public final class Demo {
    private Demo() {}

    public static void run(List<String> args, Path home, Path config) {
        throw new UnsupportedOperationException();
    }
}
