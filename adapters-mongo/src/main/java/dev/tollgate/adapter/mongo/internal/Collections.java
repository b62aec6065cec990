package dev.tollgate.adapter.mongo.internal;

/**
 * The collections of a Tollgate database, and the fields that a store other than the owning
 * one reads (the directory and the statistics read users, subscriptions, staff and daily
 * usage). Every other field is the owning store's own business.
 */
public final class Collections {

    private Collections() {
    }

    /** The schema record ({@code _id} {@code "schema"}, {@code version}). */
    public static final String SCHEMA = "tg_schema";

    /** Users; read by the directory and the statistics. */
    public static final String USERS = "tg_users";
    public static final String SESSIONS = "tg_sessions";
    public static final String CODES = "tg_codes";
    public static final String COUNTERS = "tg_counters";
    public static final String AUDIT = "tg_audit";
    public static final String ARCHIVE = "tg_archive";
    public static final String API_KEYS = "tg_api_keys";
    public static final String BALANCES = "tg_balances";
    /** Subscriptions; read by the directory and the statistics. */
    public static final String SUBSCRIPTIONS = "tg_subscriptions";
    public static final String USAGE_EVENTS = "tg_usage_events";
    /** Daily usage aggregates; read by the statistics. */
    public static final String USAGE_DAILY = "tg_usage_daily";
    public static final String TENANTS = "tg_tenants";
    /** Staff; read by the directory. */
    public static final String STAFF = "tg_staff";
    public static final String SERVICE_ACCOUNTS = "tg_service_accounts";
    public static final String STAFF_NOTES = "tg_staff_notes";
    /** TOTP factors, one a user, with that user's unused recovery codes. */
    public static final String SECOND_FACTORS = "tg_second_factors";
    /** Remembered password hashes, one document a user. */
    public static final String PASSWORD_HISTORY = "tg_password_history";
    public static final String KNOWN_DEVICES = "tg_known_devices";
    public static final String IP_RULES = "tg_ip_rules";
    /** Cache invalidation notices, for the invalidation bus of several processes. */
    public static final String INVALIDATIONS = "tg_invalidations";

    /** Fields every store's documents of a user carry: the tenant's text and the user's id ({@link Fields#id}). */
    public static final String TENANT = "tenant";
    public static final String USER = "user";

    /** {@link #SUBSCRIPTIONS}: the plan's name. */
    public static final String SUBSCRIPTION_PLAN = "plan";

    /** {@link #STAFF}: the role's name. */
    public static final String STAFF_ROLE = "role";

    /**
     * {@link #USAGE_DAILY}: the day (ISO text {@code yyyy-MM-dd}), the key's id, the meter and the
     * counts (longs), besides {@link #TENANT} and {@link #USER}.
     */
    public static final String DAILY_DAY = "day";
    public static final String DAILY_KEY = "key";
    public static final String DAILY_METER = "meter";
    public static final String DAILY_CALLS = "calls";
    public static final String DAILY_GRANTED = "granted";
    public static final String DAILY_UNITS = "units";
}
