package healthcode.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.flink.connector.file.src.FileSource;

/** Local files for bounded runs: a file read line by line as a Flink source, and removing a work folder. */
public final class LocalFiles {
    private LocalFiles() {}

    /** The file's lines, each one record; blank lines are skipped. */
    public static FileSource<String> lines(Path file) {
        return FileSource.forRecordStreamFormat(new JsonLinesFormat(),
                new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri())).build();
    }

    public static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
