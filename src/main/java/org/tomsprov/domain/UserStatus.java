package org.tomsprov.domain;

/** Only ACTIVE users hold effective permissions; an INACTIVE user resolves to none. */
public enum UserStatus {
    ACTIVE, INACTIVE
}
