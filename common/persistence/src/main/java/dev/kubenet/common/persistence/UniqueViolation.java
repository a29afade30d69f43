package dev.kubenet.common.persistence;

import java.sql.SQLException;

/** A row refused because its key or unique column is taken: an answer (taken, already there), not a failure. */
public final class UniqueViolation {

    /** SQLSTATE for a unique constraint violation, the same on H2 and PostgreSQL. */
    static final String SQL_STATE = "23505";

    private UniqueViolation() {
    }

    /** Whether a unique constraint violation caused this failure, whichever layer wrapped it. */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
