package healthcode.jobs.serde;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/** A serializer that delegates to a {@link FieldCodec}; its snapshot records the type and the codec class. */
public final class CodecSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final FieldCodec<T> codec;

    public CodecSerializer(Class<T> type, FieldCodec<T> codec) {
        this.type = type;
        this.codec = codec;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this; // stateless
    }

    @Override
    public T createInstance() {
        return InstantiationUtil.instantiate(type);
    }

    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            DataOutputSerializer out = new DataOutputSerializer(64);
            codec.write(from, out);
            return codec.read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy a " + type.getSimpleName(), e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T value, DataOutputView out) throws IOException {
        codec.write(value, out);
    }

    @Override
    public T deserialize(DataInputView in) throws IOException {
        return codec.read(in);
    }

    @Override
    public T deserialize(T reuse, DataInputView in) throws IOException {
        return codec.read(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        codec.write(codec.read(source), target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodecSerializer<?> other && other.type == type && other.codec.getClass() == codec.getClass();
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + codec.getClass().hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(type, codec.getClass().getName());
    }

    /** Names the type and the codec; a restore with another codec class is incompatible. */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
        private Class<T> type;
        private String codecClass;

        public Snapshot() {}

        Snapshot(Class<T> type, String codecClass) {
            this.type = type;
            this.codecClass = codecClass;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(type.getName());
            out.writeUTF(codecClass);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            try {
                type = (Class<T>) Class.forName(in.readUTF(), false, classLoader);
            } catch (ClassNotFoundException e) {
                throw new IOException("the type of a savepoint's state is missing", e);
            }
            codecClass = in.readUTF();
        }

        @Override
        @SuppressWarnings("unchecked")
        public TypeSerializer<T> restoreSerializer() {
            try {
                Class<?> codec = Class.forName(codecClass, true, Thread.currentThread().getContextClassLoader());
                return new CodecSerializer<>(type, (FieldCodec<T>) InstantiationUtil.instantiate(codec));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("codec " + codecClass + " of a savepoint is missing", e);
            }
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            return old instanceof Snapshot<T> s && s.type == type && s.codecClass.equals(codecClass)
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
