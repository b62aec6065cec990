package dev.tollgate.port.api.metering;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;

/** What a user's keys have used: the meters now and the history per day. */
public interface UsageReports {

    /** Most days a report covers. */
    int MAX_DAYS = 366;

    /**
     * The user's plan and meters as of now, and the daily usage of the last {@code days} days
     * (1 to {@link #MAX_DAYS}) up to and including today, in the plans' time zone. The history
     * holds what the usage recorder has written, which trails the calls by up to its flush
     * interval. Refusals: {@code VALIDATION_FAILED} (days out of range), {@code USER_NOT_FOUND}.
     */
    Outcome<UsageReport> report(UserRef user, int days);
}
