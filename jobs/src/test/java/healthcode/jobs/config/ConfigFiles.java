package healthcode.jobs.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Configuration files for the tests: one section written out, every other key at its default. */
final class ConfigFiles {
    private ConfigFiles() {}

    /** Loads {@code folder/<section>.yaml} holding only {@code section:} and its indented body. */
    static HealthCodeConfig loadSection(Path folder, String section, String body) throws Exception {
        Path file = folder.resolve(section + ".yaml");
        Files.writeString(file, section + ":\n" + body);
        return HealthCodeConfig.load(file);
    }
}
