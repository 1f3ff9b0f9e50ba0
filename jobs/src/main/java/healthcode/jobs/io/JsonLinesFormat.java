package healthcode.jobs.io;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/** A JSON-lines file: one record per line; blank lines are not records (in a Kafka topic an empty message is). */
public final class JsonLinesFormat extends SimpleStreamFormat<String> {
    private final TextLineInputFormat lines = new TextLineInputFormat();

    @Override
    public StreamFormat.Reader<String> createReader(Configuration config, FSDataInputStream stream) throws IOException {
        TextLineInputFormat.Reader reader = lines.createReader(config, stream);
        return new StreamFormat.Reader<>() {
            @Override
            public String read() throws IOException {
                String line = reader.read();
                while (line != null && line.isBlank()) {
                    line = reader.read();
                }
                return line;
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return lines.getProducedType();
    }
}
