package dev.tollgate.adapter.caffeine.cache;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A store port that counts the calls reaching it, by method name, before passing them on. */
final class Counted<T> {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final T port;

    private Counted(Class<T> type, T store) {
        InvocationHandler handler = (proxy, method, args) -> {
            calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        this.port = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    static <T> Counted<T> of(Class<T> type, T store) {
        return new Counted<>(type, store);
    }

    T port() {
        return port;
    }

    /** How many calls of {@code method} reached the store. */
    int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }
}
