package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.StoreUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive lock on an SQLite database file, held for the life of the store: a second
 * opener, in another process (an OS file lock on {@code <file>.lock}) or in this one (a
 * registry, as OS locks belong to the whole process), is refused. The lock file stays when the
 * lock is released; it holds the id of the process that last held it.
 */
final class DatabaseFileLock implements AutoCloseable {

    /** Lock files held by this process, by real path. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private DatabaseFileLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a database file: its name with {@code .lock} added. */
    static Path lockFileOf(Path databaseFile) {
        Path absolute = databaseFile.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code databaseFile}.
     *
     * @throws DatabaseInUseException when another store, here or in another process, holds it
     * @throws StoreUnavailableException when the lock file cannot be created
     */
    static DatabaseFileLock acquire(Path databaseFile) {
        Path lockFile = lockFileOf(databaseFile);
        FileChannel channel;
        Path key;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            key = lockFile.toRealPath();
        } catch (IOException e) {
            throw new StoreUnavailableException("SQLite store: cannot create the lock file " + lockFile + ": " + e, e);
        }
        if (!HELD.add(key)) {
            closeQuietly(channel);
            throw inUse(databaseFile, lockFile, "by this process");
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            HELD.remove(key);
            closeQuietly(channel);
            throw inUse(databaseFile, lockFile, "by another process");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            // the process id is for people only
        }
        return new DatabaseFileLock(key, channel, lock);
    }

    private static DatabaseInUseException inUse(Path databaseFile, Path lockFile, String holder) {
        Path directory = databaseFile.toAbsolutePath().getParent();
        return new DatabaseInUseException("SQLite store: the database in " + directory + " is in use " + holder
                + " (lock file " + lockFile.getFileName() + "); one process per SQLite file, "
                + "use PostgreSQL for several servers");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        } finally {
            closeQuietly(channel);
            HELD.remove(key);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
