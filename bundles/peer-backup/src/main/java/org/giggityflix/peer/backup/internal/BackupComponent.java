package org.giggityflix.peer.backup.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.giggityflix.peer.api.PeerIdentity;
import org.giggityflix.peer.api.backup.BackupArchive;
import org.giggityflix.peer.api.backup.BackupException;
import org.giggityflix.peer.api.backup.PeerBackup;
import org.giggityflix.peer.api.catalog.CatalogBackup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code BackupComponent} is responsible for publishing {@link PeerBackup} and for scheduled backups: every
 * {@code intervalHours} a dated archive in the backup folder, then all but the newest {@code keepLast} removed.
 * One backup runs at a time; the schedule counts from the newest dated archive, so a peer restarted daily still
 * backs up once a day.
 */
// Immediate: scheduled backups run without anyone asking for the service.
@Component(service = PeerBackup.class, configurationPid = BackupConstants.PID, immediate = true)
@Designate(ocd = BackupConfig.class)
public final class BackupComponent implements PeerBackup {

    private static final Logger LOG = LoggerFactory.getLogger(BackupComponent.class);
    /** A first scheduled backup waits this long after start, so it does not compete with the first scan's start. */
    private static final Duration FIRST_DELAY = Duration.ofMinutes(2);

    private final ArchiveWriter writer;
    private final Path dataDir;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private volatile Settings settings;
    private ScheduledFuture<?> next;

    /** Settings as applied: interval (zero: off), folder, archives kept. */
    record Settings(Duration interval, Path folder, int keepLast) {
    }

    @Activate
    public BackupComponent(@Reference(name = "catalog") CatalogBackup catalog,
                           @Reference(name = "identity") PeerIdentity identity,
                           BundleContext context, BackupConfig config) {
        this(catalog, identity, etcDir(context), Clock.systemUTC(), config);
    }

    BackupComponent(CatalogBackup catalog, PeerIdentity identity, Path etcDir, Clock clock, BackupConfig config) {
        this.dataDir = identity.dataDir();
        this.clock = clock;
        this.writer = new ArchiveWriter(catalog, etcDir, dataDir, identity.peerId(), clock);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "peer-backup");
            thread.setDaemon(true);
            return thread;
        });
        modified(config);
    }

    private static Path etcDir(BundleContext context) {
        String etc = context.getProperty("karaf.etc");
        return Path.of(etc == null ? "etc" : etc).toAbsolutePath();
    }

    @Modified
    synchronized void modified(BackupConfig config) {
        settings = settings(config, dataDir);
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        if (!settings.interval().isZero()) {
            Duration delay = firstDelay(settings);
            next = scheduler.scheduleAtFixedRate(this::scheduled, delay.toSeconds(), settings.interval().toSeconds(),
                    TimeUnit.SECONDS);
            LOG.info("scheduled backups every {} h into {} (keeping the last {}); next in {} min",
                    settings.interval().toHours(), settings.folder(), settings.keepLast(), delay.toMinutes());
        }
    }

    static Settings settings(BackupConfig config, Path dataDir) {
        int hours = config.intervalHours();
        if (hours < 0) {
            LOG.warn("backup intervalHours {} is negative: scheduled backups are off", hours);
            hours = 0;
        }
        String folder = config.folder() == null ? "" : config.folder().trim();
        Path path = folder.isEmpty() ? dataDir.resolve(BackupConstants.DEFAULT_FOLDER) : Path.of(folder);
        int keep = config.keepLast();
        if (keep < 1) {
            LOG.warn("backup keepLast {} is below 1: keeping 1", keep);
            keep = 1;
        }
        return new Settings(Duration.ofHours(hours), path.toAbsolutePath().normalize(), keep);
    }

    private Duration firstDelay(Settings s) {
        try {
            Optional<Instant> newest = BackupRetention.newest(s.folder());
            if (newest.isPresent()) {
                Duration due = Duration.between(clock.instant(), newest.get().plus(s.interval()));
                return due.compareTo(FIRST_DELAY) > 0 ? due : FIRST_DELAY;
            }
        } catch (IOException e) {
            LOG.warn("cannot list the backup folder {}: {}", s.folder(), e.getMessage());
        }
        return FIRST_DELAY;
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    @Override
    public Path folder() {
        return settings.folder();
    }

    @Override
    public synchronized BackupArchive backup(Optional<Path> file) {
        Path target = file.orElseGet(() -> BackupRetention.nextArchive(folder(), clock.instant()));
        if (file.isEmpty()) {
            try {
                Files.createDirectories(target.getParent());
            } catch (IOException e) {
                throw new BackupException("cannot create the backup folder " + target.getParent() + ": "
                        + ArchiveWriter.reason(e), e);
            }
        }
        BackupArchive archive = writer.write(target);
        LOG.info("backup written: {} ({} files in the catalog, {} bytes)", archive.file(), archive.mediaFiles(),
                archive.bytes());
        return archive;
    }

    /** One scheduled run: a dated archive, then the old ones pruned. Failures are logged, never thrown. */
    void scheduled() {
        Settings s = settings;
        try {
            backup(Optional.empty());
            List<Path> removed = BackupRetention.prune(s.folder(), s.keepLast());
            if (!removed.isEmpty()) {
                LOG.info("removed {} old backup(s), keeping the last {}: {}", removed.size(), s.keepLast(), removed);
            }
        } catch (BackupException e) {
            LOG.warn("scheduled backup failed: {}", e.getMessage());
        } catch (IOException e) {
            LOG.warn("scheduled backup: could not remove old backups in {}: {}", s.folder(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("scheduled backup failed", e);
        }
    }
}
