package dev.certgate.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures every record logged under {@code dev.certgate} (the audit logger
 * {@code dev.certgate.audit} included) at every level, for as long as it is open.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private static final String[] LOGGERS = {"dev.certgate", "dev.certgate.audit"};

    private final List<Logger> held = new CopyOnWriteArrayList<>();
    private final List<Level> levels = new CopyOnWriteArrayList<>();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    /** Starts capturing, with the certgate loggers opened to every level. */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            capture.held.add(logger);
            capture.levels.add(logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        capture.held.get(0).addHandler(capture);
        return capture;
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records of the audit logger. */
    public List<LogRecord> audit() {
        return records.stream().filter(r -> "dev.certgate.audit".equals(r.getLoggerName())).toList();
    }

    public void clear() {
        records.clear();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        held.get(0).removeHandler(this);
        for (int i = 0; i < held.size(); i++) {
            held.get(i).setLevel(levels.get(i));
        }
    }
}
