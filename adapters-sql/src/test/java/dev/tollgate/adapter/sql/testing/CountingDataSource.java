package dev.tollgate.adapter.sql.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import javax.sql.DataSource;

/**
 * A data source that counts what the stores do with its connections: transactions committed,
 * statements prepared, and statements prepared in autocommit mode (each its own transaction).
 * It can also hold a transaction at its start (until a condition holds) and fail chosen commits
 * as a lost connection does, after rolling the transaction back. Shared by the SQL stores
 * group-commit tests through this module's test jar.
 */
public final class CountingDataSource {

    public final AtomicInteger commits = new AtomicInteger();
    public final AtomicInteger statements = new AtomicInteger();
    public final AtomicInteger autocommitStatements = new AtomicInteger();
    private final AtomicInteger commitCalls = new AtomicInteger();
    private final DataSource target;
    private volatile Runnable atFirstTransaction;
    private volatile IntPredicate failingCommit = commit -> false;

    public CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** The counting data source, to open the stores over. */
    public DataSource dataSource() {
        return proxy(DataSource.class, (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection connection ? counting(connection) : result;
        });
    }

    /** Counts from zero again (after opening the stores, whose migration counts too). */
    public void reset() {
        commits.set(0);
        statements.set(0);
        autocommitStatements.set(0);
        commitCalls.set(0);
    }

    /** Runs {@code hold} when the next transaction begins, once, before it runs a statement. */
    public void holdNextTransaction(Runnable hold) {
        atFirstTransaction = hold;
    }

    /** Fails each commit from the last {@link #reset} on whose number (the first is 1) {@code which} accepts. */
    public void failCommits(IntPredicate which) {
        failingCommit = which;
    }

    /** Transactions committed, counting each autocommit statement as one. */
    public int transactions() {
        return commits.get() + autocommitStatements.get();
    }

    private Connection counting(Connection connection) {
        return proxy(Connection.class, (proxy, method, args) -> {
            switch (method.getName()) {
                case "setAutoCommit" -> {
                    Runnable hold = atFirstTransaction;
                    if (Boolean.FALSE.equals(args[0]) && hold != null) {
                        atFirstTransaction = null;
                        hold.run();
                    }
                }
                case "prepareStatement", "createStatement" -> {
                    statements.incrementAndGet();
                    if (connection.getAutoCommit()) {
                        autocommitStatements.incrementAndGet();
                    }
                }
                case "commit" -> {
                    if (failingCommit.test(commitCalls.incrementAndGet())) {
                        connection.rollback();
                        throw new SQLException("the connection was lost", "08006");
                    }
                    commits.incrementAndGet();
                }
                default -> {
                    // passed on as it is
                }
            }
            return invoke(connection, method, args);
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
