package dev.tollgate.port.api;

/** The rules of the password policy, named so a rejection says which one failed. */
public enum PasswordRule {
    TOO_SHORT("it is shorter than the minimum length"),
    TOO_LONG("it is longer than the maximum length"),
    COMMON("it is among commonly used passwords"),
    CONTAINS_USERNAME("it contains the username"),
    CONTAINS_EMAIL("it contains the email address"),
    TOO_WEAK("it is too easy to guess");

    private final String description;

    PasswordRule(String description) {
        this.description = description;
    }

    /** A lower-case phrase saying what is wrong, fit to follow "the password was rejected: ". */
    public String description() {
        return description;
    }
}
