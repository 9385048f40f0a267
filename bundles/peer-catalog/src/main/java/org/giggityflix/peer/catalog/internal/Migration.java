package org.giggityflix.peer.catalog.internal;

import java.util.List;

/**
 * {@code Migration} is responsible for one step of the schema: the statements that take the database from
 * {@code version - 1} to {@code version}.
 *
 * <p>A released migration is never edited: a database that already ran it would not run it again. Change the schema
 * with a new entry instead.
 *
 * @param version     the {@code PRAGMA user_version} the database has after this step (1, 2, 3...)
 * @param description what the step does, for the log and for errors
 * @param statements  SQL run in order, in the same transaction as the version bump
 */
record Migration(int version, String description, List<String> statements) {

    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1, was " + version);
        }
        statements = List.copyOf(statements);
    }

    @Override
    public String toString() {
        return "migration " + version + " (" + description + ")";
    }
}
