package org.giggityflix.peer.catalog.internal;

import java.sql.SQLException;

/**
 * {@code SqlConsumer} is responsible for letting JDBC work on each row that throws {@link SQLException} be passed
 * around, as {@link SqlFunction} does for work that gives a value.
 */
@FunctionalInterface
interface SqlConsumer<T> {

    void accept(T input) throws SQLException;
}
