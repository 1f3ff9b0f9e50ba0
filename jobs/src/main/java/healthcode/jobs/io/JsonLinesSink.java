package healthcode.jobs.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Writes records as JSON lines into {@code <folder>/<name>-<subtask>.part} on the local file system,
 * for bounded runs on an embedded cluster; the backfill merges the parts into one sorted file.
 */
public class JsonLinesSink<T> implements Sink<T> {
    private final String folder;
    private final String name;
    private final SerializableFunction<T, String> encoder;

    public JsonLinesSink(Path folder, String name, SerializableFunction<T, String> encoder) {
        this.folder = folder.toString();
        this.name = name;
        this.encoder = encoder;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Path dir = Paths.get(folder);
        Files.createDirectories(dir);
        Path part = dir.resolve(name + "-" + context.getTaskInfo().getIndexOfThisSubtask() + ".part");
        BufferedWriter writer = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) throws IOException {
                writer.write(encoder.apply(element));
                writer.write('\n');
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                writer.flush();
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        };
    }
}
