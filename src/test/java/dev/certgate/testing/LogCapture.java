package dev.certgate.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What logger {@code dev.certgate} logs while open; close it to stop listening. */
public final class LogCapture implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.certgate");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture() {
        logger.addHandler(handler);
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** The records logged so far. */
    public List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
