package dev.tollgate.server;

/** The database a {@code TOLLGATE_DB_URL} of the mongo store names. */
final class MongoUrls {

    /** The database when the URL names none ({@code mongodb://host:27017}). */
    static final String DEFAULT_DATABASE = "tollgate";

    private MongoUrls() {
    }

    /**
     * The path of {@code mongodb://[user:password@]hosts/database?options}, or
     * {@link #DEFAULT_DATABASE} when it has none (the path is also where the driver authenticates,
     * unless {@code authSource} says otherwise).
     */
    static String databaseOf(String url) {
        int authority = url.indexOf("//");
        String rest = authority < 0 ? url : url.substring(authority + 2);
        int at = rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
        rest = rest.substring(at + 1);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return DEFAULT_DATABASE;
        }
        String path = rest.substring(slash + 1);
        int query = path.indexOf('?');
        String database = query < 0 ? path : path.substring(0, query);
        return database.isEmpty() ? DEFAULT_DATABASE : database;
    }
}
