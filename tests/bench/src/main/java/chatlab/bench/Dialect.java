package chatlab.bench;

import java.nio.charset.StandardCharsets;

/**
 * How a benchmark client speaks to the server: ChatLab's protocol, or the seed's.
 *
 * <p>Either way a message carries a tag, {@code #sender.seq.micros;} (who sent it, its number, and
 * when, in microseconds of the load generator's clock), which the receivers find in the byte stream
 * (see {@link StreamScanner}).
 */
enum Dialect {
    /** ChatLab's stages 3 and 4 (and the Netty room): lines; the server adds {@code <nick>: }. */
    CHATLAB {
        @Override
        byte[] nickname(String nick) {
            return ascii(nick + "\n");
        }

        @Override
        byte[] message(String nick, int sender, int seq, long micros) {
            return ascii("#" + sender + "." + seq + "." + micros + ";\n");
        }
    },
    /**
     * Seed 001's server: it takes the nickname from the first {@code recv}, with no newline, and
     * relays raw bytes with no prefix, so the client writes {@code <nick>: <text>} itself, as the
     * seed's client does (without a newline, too).
     */
    SEED {
        @Override
        byte[] nickname(String nick) {
            return ascii(nick);
        }

        @Override
        byte[] message(String nick, int sender, int seq, long micros) {
            return ascii(nick + ": #" + sender + "." + seq + "." + micros + ";");
        }
    };

    abstract byte[] nickname(String nick);

    abstract byte[] message(String nick, int sender, int seq, long micros);

    /** The nickname of client {@code id}: letters and digits, valid in every stage. */
    static String nick(int id) {
        return "c" + id;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
