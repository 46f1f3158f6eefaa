package io.github.runtimeestimator.models.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary layout of a regressor entry's payload: named, typed, little-endian arrays.
 *
 * <pre>
 * offset  size  content
 * 0       4     magic "RTEB"
 * 4       2     layout version, u16 (1)
 * 6       2     array count n, u16
 * 8       ...   n arrays, each:
 *                 u8 type (1 = int32, 2 = float32, 3 = float64)
 *                 u8 name length L (1..32), L bytes of ASCII name
 *                 u32 element count c
 *                 c elements of the type, little-endian (IEEE 754 bits for floats: exact)
 * </pre>
 *
 * The payload ends with the last array's last element. A reader names the arrays it expects, in order, with their
 * types; anything else (another name, type or count, a count larger than the bytes left, trailing bytes) is
 * refused before any array is allocated beyond the bytes actually present.
 */
final class Payload {
    static final int MAGIC = 0x42455452; // "RTEB" read little-endian
    static final int LAYOUT_VERSION = 1;
    static final int HEADER_BYTES = 8;
    private static final byte INT32 = 1;
    private static final byte FLOAT32 = 2;
    private static final byte FLOAT64 = 3;
    private static final int MAX_NAME = 32;

    private Payload() {
    }

    /** Collects arrays and writes them in the layout above. */
    static final class Writer {
        private final List<Object[]> arrays = new ArrayList<>();

        Writer ints(String name, int... values) {
            arrays.add(new Object[] {name, values});
            return this;
        }

        Writer floats(String name, float... values) {
            arrays.add(new Object[] {name, values});
            return this;
        }

        Writer doubles(String name, double... values) {
            arrays.add(new Object[] {name, values});
            return this;
        }

        byte[] toBytes() {
            long size = HEADER_BYTES;
            for (Object[] a : arrays) {
                size += 2 + ((String) a[0]).length() + 4 + (long) elementCount(a[1]) * elementBytes(a[1]);
            }
            ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(MAGIC).putShort((short) LAYOUT_VERSION).putShort((short) arrays.size());
            for (Object[] a : arrays) {
                byte[] name = ((String) a[0]).getBytes(StandardCharsets.US_ASCII);
                Object values = a[1];
                out.put(values instanceof int[] ? INT32 : values instanceof float[] ? FLOAT32 : FLOAT64);
                out.put((byte) name.length).put(name).putInt(elementCount(values));
                if (values instanceof int[] ints) {
                    out.asIntBuffer().put(ints);
                } else if (values instanceof float[] floats) {
                    out.asFloatBuffer().put(floats);
                } else {
                    out.asDoubleBuffer().put((double[]) values);
                }
                out.position(out.position() + elementCount(values) * elementBytes(values));
            }
            return out.array();
        }

        private static int elementCount(Object values) {
            return values instanceof int[] i ? i.length : values instanceof float[] f ? f.length
                    : ((double[]) values).length;
        }

        private static int elementBytes(Object values) {
            return values instanceof double[] ? 8 : 4;
        }
    }

    /** Reads the arrays of a payload in the order the caller expects them. */
    static final class Reader {
        private final ByteBuffer in;
        private final int arrays;
        private int read;

        /** Reads the header of the payload {@code bytes[offset, bytes.length)}. */
        Reader(byte[] bytes, int offset) throws PayloadFormatException {
            this.in = ByteBuffer.wrap(bytes, offset, bytes.length - offset).slice().order(ByteOrder.LITTLE_ENDIAN);
            if (in.remaining() < HEADER_BYTES || in.getInt() != MAGIC) {
                throw new PayloadFormatException("header", "does not start with the magic bytes RTEB");
            }
            int version = Short.toUnsignedInt(in.getShort());
            if (version != LAYOUT_VERSION) {
                throw new PayloadFormatException("header", "layout version " + version + ", this library reads "
                        + LAYOUT_VERSION);
            }
            this.arrays = Short.toUnsignedInt(in.getShort());
        }

        /** Expects exactly {@code count} arrays in this payload. */
        Reader expectArrays(int count) throws PayloadFormatException {
            if (arrays != count) {
                throw new PayloadFormatException("header", arrays + " arrays, the evaluator has " + count);
            }
            return this;
        }

        int[] ints(String name) throws PayloadFormatException {
            int n = begin(name, INT32, 4);
            int[] values = new int[n];
            in.asIntBuffer().get(values);
            in.position(in.position() + 4 * n);
            return values;
        }

        float[] floats(String name) throws PayloadFormatException {
            int n = begin(name, FLOAT32, 4);
            float[] values = new float[n];
            in.asFloatBuffer().get(values);
            in.position(in.position() + 4 * n);
            return values;
        }

        double[] doubles(String name) throws PayloadFormatException {
            int n = begin(name, FLOAT64, 8);
            double[] values = new double[n];
            in.asDoubleBuffer().get(values);
            in.position(in.position() + 8 * n);
            return values;
        }

        /** An array that holds one int. */
        int intScalar(String name) throws PayloadFormatException {
            int[] v = ints(name);
            requireOne(name, v.length);
            return v[0];
        }

        /** An array that holds one float. */
        float floatScalar(String name) throws PayloadFormatException {
            float[] v = floats(name);
            requireOne(name, v.length);
            return v[0];
        }

        /** An array that holds one double. */
        double doubleScalar(String name) throws PayloadFormatException {
            double[] v = doubles(name);
            requireOne(name, v.length);
            return v[0];
        }

        /** Fails unless every byte was read. */
        void end() throws PayloadFormatException {
            if (read != arrays) {
                throw new PayloadFormatException("header", "declares " + arrays + " arrays, " + read + " read");
            }
            if (in.hasRemaining()) {
                throw new PayloadFormatException("payload", in.remaining() + " bytes after the last array");
            }
        }

        private int begin(String name, byte type, int elementBytes) throws PayloadFormatException {
            if (read >= arrays) {
                throw new PayloadFormatException(name, "missing: the header declares only " + arrays + " arrays");
            }
            if (in.remaining() < 2) {
                throw new PayloadFormatException(name, "missing: the payload ends first");
            }
            byte actualType = in.get();
            int length = Byte.toUnsignedInt(in.get());
            if (length < 1 || length > MAX_NAME || in.remaining() < length + 4) {
                throw new PayloadFormatException(name, "array header is malformed (name length " + length + ")");
            }
            byte[] raw = new byte[length];
            in.get(raw);
            String actual = new String(raw, StandardCharsets.US_ASCII);
            if (!actual.equals(name)) {
                throw new PayloadFormatException(name, "expected array '" + name + "', found '" + actual + "'");
            }
            if (actualType != type) {
                throw new PayloadFormatException(name, "type " + actualType + ", expected " + type
                        + " (1 int32, 2 float32, 3 float64)");
            }
            long count = Integer.toUnsignedLong(in.getInt());
            if (count * elementBytes > in.remaining()) {
                throw new PayloadFormatException(name, "declares " + count + " elements, only " + in.remaining()
                        + " bytes are left");
            }
            read++;
            return (int) count;
        }

        private static void requireOne(String name, int count) throws PayloadFormatException {
            if (count != 1) {
                throw new PayloadFormatException(name, count + " values, must hold exactly one");
            }
        }
    }
}
