package dev.tollgate.port.settings;

/** The service level a plan carries to the services that verify its keys. */
public enum ServiceLevel {
    LOW,
    MEDIUM,
    HIGH
}
