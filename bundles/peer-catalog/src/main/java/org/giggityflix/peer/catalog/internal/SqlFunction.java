package org.giggityflix.peer.catalog.internal;

import java.sql.SQLException;

/**
 * {@code SqlFunction} is responsible for letting JDBC work that throws {@link SQLException} be passed around.
 */
@FunctionalInterface
interface SqlFunction<T, R> {

    R apply(T input) throws SQLException;
}
