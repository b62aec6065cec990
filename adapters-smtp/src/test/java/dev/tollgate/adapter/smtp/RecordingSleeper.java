package dev.tollgate.adapter.smtp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that records each wait instead of waiting, then runs an optional action. */
final class RecordingSleeper implements Sleeper {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Runnable onWait;

    RecordingSleeper() {
        this(() -> { });
    }

    RecordingSleeper(Runnable onWait) {
        this.onWait = onWait;
    }

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
        onWait.run();
    }

    List<Duration> waits() {
        return List.copyOf(waits);
    }
}
