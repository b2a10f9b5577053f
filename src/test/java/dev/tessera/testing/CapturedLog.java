package dev.tessera.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one class logs while a test runs, down to a level: start it before the test acts and close it after, so that
 * nothing another test logged is read.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level levelBefore;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLog(Logger logger, Level level) {
        this.logger = logger;
        this.levelBefore = logger.getLevel();
        logger.setLevel(level);
        logger.addHandler(this);
    }

    /** Captures what the logger named after {@code type} logs at {@code level} and above. */
    public static CapturedLog of(Class<?> type, Level level) {
        return new CapturedLog(Logger.getLogger(type.getName()), level);
    }

    /** The records so far, oldest first. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The raw messages logged at exactly this level. */
    public List<String> messages(Level level) {
        return records.stream().filter(record -> record.getLevel() == level).map(LogRecord::getMessage).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    /** Stops capturing and puts the logger's level back. */
    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(levelBefore);
    }
}
