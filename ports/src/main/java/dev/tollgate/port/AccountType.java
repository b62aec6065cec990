package dev.tollgate.port;

/** Whether an account belongs to a person or a business. */
public enum AccountType {
    PERSONAL,
    BUSINESS
}
