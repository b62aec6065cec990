package dev.tollgate.core.audit;

import dev.tollgate.port.UserId;
import java.util.HashMap;
import java.util.Map;

/**
 * Who performs a change on someone else's account, as its audit event records it: the staff
 * member (null for a service account or the system) and the non-secret facts of the actor and
 * the reason.
 */
public record ActedBy(UserId actor, Map<String, String> facts) {

    public ActedBy {
        facts = Map.copyOf(facts);
    }

    /** The event's own details with the actor's facts; the event's own win. */
    public Map<String, String> details(Map<String, String> own) {
        Map<String, String> all = new HashMap<>(facts);
        all.putAll(own);
        return Map.copyOf(all);
    }

    /** Records the actor and its facts on {@code entry}, with the event's own details. */
    public Auditor.Entry on(Auditor.Entry entry, Map<String, String> own) {
        return entry.by(actor).with(details(own));
    }
}
