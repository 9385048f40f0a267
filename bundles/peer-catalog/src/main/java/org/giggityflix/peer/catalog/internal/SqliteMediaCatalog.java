package org.giggityflix.peer.catalog.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.catalog.CachedScreenshot;
import org.giggityflix.peer.api.catalog.CatalogBackup;
import org.giggityflix.peer.api.catalog.CatalogCopy;
import org.giggityflix.peer.api.catalog.CatalogException;
import org.giggityflix.peer.api.catalog.CatalogListener;
import org.giggityflix.peer.api.catalog.EdgeCatalog;
import org.giggityflix.peer.api.catalog.KnownFile;
import org.giggityflix.peer.api.catalog.MediaCatalog;
import org.giggityflix.peer.api.catalog.MediaFile;
import org.giggityflix.peer.api.catalog.MediaQuery;
import org.giggityflix.peer.api.catalog.MediaStatus;
import org.giggityflix.peer.api.catalog.ScreenshotIndex;
import org.giggityflix.peer.api.catalog.UncatalogedFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jdbc.DataSourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SqliteMediaCatalog} is responsible for publishing the {@link MediaCatalog}: an SQLite file
 * {@code DATA_DIR/catalog.db}, one writer connection, pooled read connections, and listeners told after each commit.
 * It also publishes the {@link EdgeCatalog} (the Edge link's catalog ids, see {@link CatalogIds}), the
 * {@link ScreenshotIndex}, the screenshot cache's table in the same database, and {@link CatalogBackup}: consistent
 * copies while it runs.
 *
 * <p>The database is opened through the pax-jdbc {@link DataSourceFactory} for SQLite, so this bundle depends on
 * {@code javax.sql} and the OSGi JDBC service only, never on the driver's classes.
 */
@Component(service = {MediaCatalog.class, EdgeCatalog.class, ScreenshotIndex.class, CatalogBackup.class},
        configurationPolicy = ConfigurationPolicy.IGNORE)
public final class SqliteMediaCatalog
        implements MediaCatalog, EdgeCatalog, ScreenshotIndex, CatalogBackup, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteMediaCatalog.class);

    private static final String BY_LUID = MediaRows.SELECT + "WHERE luid = ?";
    private static final String BY_CATALOG_ID = MediaRows.SELECT + "WHERE catalog_id = ?";
    private static final String BY_PATH = MediaRows.SELECT + "WHERE path = ?";
    private static final String UNDER_ROOT = MediaRows.SELECT + "WHERE media_root = ? ORDER BY relative_path, luid";
    private static final String KNOWN_UNDER_ROOT = "SELECT " + MediaRows.KNOWN_COLUMNS
            + " FROM media_files WHERE media_root = ? ORDER BY relative_path, luid";
    private static final String COUNT_BY_STATUS = "SELECT status, count(*) FROM media_files GROUP BY status";
    private static final String HASHES = "SELECT algorithm, value FROM hashes WHERE luid = ?";

    private final Path databaseFile;
    private final ChangeNotifier notifier = new ChangeNotifier();
    private final Writer writer;
    private final ReadPool readers;
    private final CatalogCopier copier;
    private final CatalogIds ids;
    private final List<Migration> appliedMigrations;

    /** The OSGi way in: {@code DATA_DIR/catalog.db} through pax-jdbc-sqlite's factory. */
    @Activate
    public SqliteMediaCatalog(
            @Reference(name = "identity") PeerIdentity identity,
            @Reference(name = "dataSourceFactory", target = CatalogConstants.SQLITE_DRIVER_FILTER)
            DataSourceFactory dataSourceFactory) {
        this(dataSource(dataSourceFactory, databaseFile(identity)), databaseFile(identity));
    }

    /** Without OSGi (tests, tools): any SQLite {@link DataSource} on {@code databaseFile}. */
    SqliteMediaCatalog(DataSource dataSource, Path databaseFile) {
        this(dataSource, databaseFile, Schema.MIGRATIONS, Clock.systemUTC());
    }

    SqliteMediaCatalog(DataSource dataSource, Path databaseFile, List<Migration> migrations, Clock clock) {
        this.databaseFile = databaseFile.toAbsolutePath().normalize();
        requireWritable(this.databaseFile);
        Connections connections = new Connections(dataSource);
        this.writer = new Writer(connections, this.databaseFile, notifier, clock);
        this.readers = new ReadPool(connections, this.databaseFile);
        this.copier = new CatalogCopier(connections, this.databaseFile);
        this.ids = new CatalogIds(writer, readers, clock);
        try {
            this.appliedMigrations = writer.open(Schema.checked(migrations));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("catalog {} open (schema version {}, {} migration(s) applied now)",
                this.databaseFile, migrations.size(), appliedMigrations.size());
    }

    private static Path databaseFile(PeerIdentity identity) {
        return identity.dataDir().resolve(CatalogConstants.DATABASE_FILE_NAME);
    }

    private static DataSource dataSource(DataSourceFactory factory, Path databaseFile) {
        String file = databaseFile.toAbsolutePath().normalize().toString();
        if (file.contains("?")) {
            // The SQLite JDBC URL reads everything after '?' as connection options.
            throw new CatalogException("DATA_DIR must not contain '?': " + file);
        }
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, "jdbc:sqlite:" + file);
        try {
            return factory.createDataSource(properties);
        } catch (SQLException e) {
            throw SqliteErrors.translate(e, databaseFile, "creating the data source");
        }
    }

    /**
     * Fails before SQLite touches anything: on a read-only DATA_DIR SQLite would open the file read-only and only
     * fail at the first write, or leave stray WAL files behind.
     */
    private static void requireWritable(Path databaseFile) {
        Path dataDir = databaseFile.getParent();
        if (dataDir == null || !Files.isDirectory(dataDir)) {
            throw new CatalogException("DATA_DIR does not exist: " + dataDir);
        }
        if (!Files.isWritable(dataDir) || (Files.exists(databaseFile) && !Files.isWritable(databaseFile))) {
            throw new CatalogException("catalog database is read-only: " + databaseFile
                    + " (DATA_DIR " + dataDir + " or the file is not writable)");
        }
    }

    @Reference(name = "listener", service = CatalogListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "unbindListener")
    void bindListener(ComponentServiceObjects<CatalogListener> listener) {
        // Looked up on the notifier thread at the first change, never during our own activation: a listener that
        // needs this catalog would otherwise be a circular reference for SCR.
        notifier.addLazy(listener, listener::getService, listener::ungetService);
    }

    void unbindListener(ComponentServiceObjects<CatalogListener> listener) {
        notifier.removeKey(listener);
    }

    /** For tests and plain-Java use: a listener that is already there. */
    void addListener(CatalogListener listener) {
        notifier.add(listener);
    }

    void removeListener(CatalogListener listener) {
        notifier.remove(listener);
    }

    /** Lets a running write finish and listeners hear the last commits, then closes every connection. */
    @Deactivate
    @Override
    public void close() {
        writer.close();
        notifier.close();
        readers.close();
    }

    @Override
    public <T> T write(Work<T> work) {
        return writer.transact(work::run);
    }

    /** At {@code synchronous = NORMAL} when the catalog is in WAL mode (see {@code Writer.transact}). */
    @Override
    public <T> T writeRecoverable(Work<T> work) {
        return writer.transact(work::run, false);
    }

    @Override
    public long generation() {
        return writer.generation();
    }

    @Override
    public Optional<MediaFile> find(long luid) {
        return readers.read(db -> db.queryOne(BY_LUID, MediaRows::read, luid));
    }

    @Override
    public Optional<MediaFile> findByCatalogId(String catalogId) {
        return readers.read(db -> db.queryOne(BY_CATALOG_ID, MediaRows::read, catalogId));
    }

    @Override
    public Optional<MediaFile> findByPath(Path path) {
        return readers.read(db -> db.queryOne(BY_PATH, MediaRows::read, MediaRows.key(path)));
    }

    @Override
    public List<MediaFile> list(MediaQuery query) {
        MediaFilter filter = MediaFilter.ordered(query);
        String sql = MediaRows.SELECT + filter.where() + " " + MediaFilter.orderBy(query) + " LIMIT ? OFFSET ?";
        return readers.read(db -> db.queryAll(sql, MediaRows::read, filter.paramsThen(query.limit(), query.offset())));
    }

    @Override
    public long count(MediaQuery query) {
        MediaFilter filter = MediaFilter.of(query);
        String sql = "SELECT count(*) FROM media_files " + filter.where();
        return readers.read(db -> db.queryLong(sql, filter.paramsThen()));
    }

    @Override
    public List<MediaFile> listUnderRoot(Path mediaRoot) {
        return readers.read(db -> db.queryAll(UNDER_ROOT, MediaRows::read, MediaRows.key(mediaRoot)));
    }

    /** Seven columns instead of twenty-one: a rescan of 100,000 files loads every row of its roots. */
    @Override
    public List<KnownFile> knownUnderRoot(Path mediaRoot) {
        return readers.read(db -> db.queryAll(KNOWN_UNDER_ROOT, MediaRows::readKnown, MediaRows.key(mediaRoot)));
    }

    /** As {@link #knownUnderRoot}, a row at a time: the scanner packs each as it comes (1,000,000 rows at a restart). */
    @Override
    public void forEachKnownUnderRoot(Path mediaRoot, Consumer<KnownFile> each) {
        readers.read(db -> {
            db.queryEach(KNOWN_UNDER_ROOT, rs -> each.accept(MediaRows.readKnown(rs)), MediaRows.key(mediaRoot));
            return null;
        });
    }

    @Override
    public long countUncataloged() {
        return ids.countUncataloged();
    }

    @Override
    public List<UncatalogedFile> uncatalogedAfter(long afterLuid, int limit) {
        return ids.uncatalogedAfter(afterLuid, limit);
    }

    @Override
    public int storeCatalogIds(Map<Long, String> catalogIds) {
        return ids.store(catalogIds);
    }

    @Override
    public RemapResult remapCatalogId(String oldCatalogId, String newCatalogId) {
        return ids.remap(oldCatalogId, newCatalogId);
    }

    @Override
    public Map<MediaStatus, Long> countByStatus() {
        Map<MediaStatus, Long> counts = new EnumMap<>(MediaStatus.class);
        for (MediaStatus status : MediaStatus.values()) {
            counts.put(status, 0L);
        }
        readers.read(db -> db.queryAll(COUNT_BY_STATUS, rs -> {
            // A status this peer does not know (written by a newer one) has no key to count under.
            String name = rs.getString(1);
            long count = rs.getLong(2);
            Arrays.stream(MediaStatus.values()).filter(s -> s.name().equals(name))
                    .forEach(s -> counts.put(s, count));
            return name;
        }));
        return Collections.unmodifiableMap(counts);
    }

    @Override
    public Map<String, String> hashes(long luid) {
        Map<String, String> hashes = new TreeMap<>();
        readers.read(db -> db.queryAll(HASHES, rs -> hashes.put(rs.getString(1), rs.getString(2)), luid));
        return Collections.unmodifiableMap(hashes);
    }

    @Override
    public List<CachedScreenshot> screenshots(long luid) {
        return readers.read(db -> db.queryAll(ScreenshotRows.OF_FILE, ScreenshotRows::read, luid));
    }

    @Override
    public List<CachedScreenshot> all() {
        return readers.read(db -> db.queryAll(ScreenshotRows.LEAST_RECENTLY_USED_FIRST, ScreenshotRows::read));
    }

    @Override
    public long totalSize() {
        return readers.read(db -> db.queryLong(ScreenshotRows.TOTAL_SIZE));
    }

    @Override
    public void put(Collection<CachedScreenshot> rows) {
        List<CachedScreenshot> copy = ScreenshotRows.copy(rows);
        writer.transact(batch -> batch.statements(db -> ScreenshotRows.put(db, copy)));
    }

    @Override
    public void touch(Collection<CachedScreenshot> rows, Instant when) {
        List<CachedScreenshot> copy = ScreenshotRows.copy(rows);
        long nanos = MediaRows.nanos(when);
        writer.transact(batch -> batch.statements(db -> ScreenshotRows.touch(db, copy, nanos)));
    }

    @Override
    public void remove(Collection<CachedScreenshot> rows) {
        List<CachedScreenshot> copy = ScreenshotRows.copy(rows);
        writer.transact(batch -> batch.statements(db -> ScreenshotRows.remove(db, copy)));
    }

    @Override
    public CatalogCopy copyTo(Path target) {
        return copier.copyTo(target);
    }

    @Override
    public Path databaseFile() {
        return databaseFile;
    }

    @Override
    public long databaseSize() {
        return sizeOf(databaseFile) + sizeOf(Path.of(databaseFile + "-wal"));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            // The WAL file comes and goes with checkpoints; a missing file takes no space.
            return 0;
        }
    }

    /** For tests: what this instance migrated when it opened. */
    List<Migration> appliedMigrations() {
        return appliedMigrations;
    }
}
