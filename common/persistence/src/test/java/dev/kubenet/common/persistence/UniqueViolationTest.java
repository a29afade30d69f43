package dev.kubenet.common.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class UniqueViolationTest {

    @Test
    void aUniqueViolationIsFoundUnderWhateverWrapsIt() {
        SQLException duplicate = new SQLException("duplicate key", "23505");
        assertTrue(UniqueViolation.isCauseOf(new PersistenceException(new RuntimeException(duplicate))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(UniqueViolation.isCauseOf(new PersistenceException(new SQLException("down", "08001"))));
        assertFalse(UniqueViolation.isCauseOf(new PersistenceException("no SQL state")));
    }
}
