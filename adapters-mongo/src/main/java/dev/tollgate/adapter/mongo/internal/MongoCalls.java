package dev.tollgate.adapter.mongo.internal;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.MongoServerException;
import dev.tollgate.port.StoreUnavailableException;
import java.util.function.Supplier;

/**
 * Runs the stores' driver calls: a {@link MongoException} never crosses a port. It becomes a
 * {@link StoreUnavailableException} naming the operation (never a value: the driver's message
 * may quote a document's fields, a duplicate key's value among them), except where the caller
 * asks about a duplicate key first ({@link #isDuplicateKey}).
 */
public final class MongoCalls {

    private MongoCalls() {
    }

    /** {@code call}'s answer; a driver failure becomes {@link StoreUnavailableException}. */
    public static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (MongoException e) {
            throw unavailable(operation, e);
        }
    }

    /** Runs {@code call}; a driver failure becomes {@link StoreUnavailableException}. */
    public static void run(String operation, Runnable call) {
        try {
            call.run();
        } catch (MongoException e) {
            throw unavailable(operation, e);
        }
    }

    /** Whether {@code e} is a unique index refusing a document (E11000). */
    public static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e instanceof MongoServerException server
                && ErrorCategory.fromErrorCode(server.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }

    /** The exception the ports throw for {@code e}, with the code but without the driver's message. */
    public static StoreUnavailableException unavailable(String operation, MongoException e) {
        StoreUnavailableException failure = new StoreUnavailableException(
                "MongoDB store: " + operation + " failed (" + e.getClass().getSimpleName() + ", code " + e.getCode() + ")");
        failure.addSuppressed(new MongoFailure(e));
        return failure;
    }

    /**
     * The driver's exception kept for a stack trace, without its message (which may quote
     * values) and without its cause chain's messages.
     */
    private static final class MongoFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MongoFailure(MongoException e) {
            super(e.getClass().getName() + " code " + e.getCode(), null, false, true);
            setStackTrace(e.getStackTrace());
        }
    }
}
