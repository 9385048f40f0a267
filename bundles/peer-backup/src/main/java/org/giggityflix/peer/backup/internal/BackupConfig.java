package org.giggityflix.peer.backup.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code BackupConfig} is responsible for describing the backup settings (PID {@code org.giggityflix.peer.backup})
 * to ConfigAdmin and metatype, so {@code config:edit}, {@code etc/*.cfg} and the web UI show the same fields.
 */
@ObjectClassDefinition(name = "Giggityflix backups",
        description = "Scheduled backups of the peer: a consistent copy of the catalog, the settings, users and keys"
                + " in one zip archive (bin/peer restore ARCHIVE puts one back).")
@interface BackupConfig {

    @AttributeDefinition(name = "Interval (hours)", min = "0",
            description = "Hours between scheduled backups; 0 turns them off (peer:backup still works).")
    int intervalHours() default 0;

    @AttributeDefinition(name = "Folder", required = false,
            description = "Where scheduled backups and peer:backup without a file go. Empty: DATA_DIR/backups."
                    + " Best on another disk than DATA_DIR.")
    String folder() default "";

    @AttributeDefinition(name = "Keep last", min = "1",
            description = "How many scheduled backups to keep in the folder; older ones are deleted after each"
                    + " new one. Archives with other names are never touched.")
    int keepLast() default 7;
}
