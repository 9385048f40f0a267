package org.giggityflix.peer.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.giggityflix.peer.api.backup.BackupArchive;
import org.giggityflix.peer.api.backup.BackupException;
import org.giggityflix.peer.api.backup.PeerBackup;
import org.giggityflix.peer.api.token.ApiToken;
import org.giggityflix.peer.api.token.TokenScope;
import org.giggityflix.peer.web.internal.SessionStore.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code OwnerHandlersTest} is responsible for proving the settings page's token and backup calls: tokens created
 * (secret once), listed without secrets, revoked; a backup written into the backup folder and downloadable from
 * there only; and that neither is open to a script holding a token.
 */
class OwnerHandlersTest {

    @TempDir
    Path dir;

    private final Fakes.MutableClock clock = new Fakes.MutableClock();
    private final Fakes.Services services = new Fakes.Services();
    private final WebSecurity security = new WebSecurity(Fakes.authenticator(), clock, Fakes.config(false, 5, 30));
    private final ApiHandlers api = new ApiHandlers(services, new Fakes.Config(), new Fakes.NoProviders(), security,
            clock);
    private Session session;

    /** {@code FolderBackup} is responsible for writing a small zip into a folder, or failing when told to. */
    private final class FolderBackup implements PeerBackup {
        final List<Optional<Path>> asked = new ArrayList<>();
        String failure;

        @Override
        public BackupArchive backup(Optional<Path> file) {
            asked.add(file);
            if (failure != null) {
                throw new BackupException(failure);
            }
            Path zip = folder().resolve("peer-backup-20260101-000000.zip");
            try {
                Files.createDirectories(folder());
                Files.write(zip, new byte[] {'P', 'K', 3, 4});
            } catch (java.io.IOException e) {
                throw new BackupException(e.getMessage());
            }
            return new BackupArchive(zip, "peer-1", 5, 3, List.of("etc/users.properties"), 4, clock.instant());
        }

        @Override
        public Path folder() {
            return dir.resolve("backups");
        }
    }

    @BeforeEach
    void setUp() {
        services.tokens = new TokenStore(dir.resolve("api-tokens"), clock);
        session = security.login("admin", "secret".toCharArray(), "10.0.0.1").session().orElseThrow();
    }

    private ApiResponse call(String method, String path, String body, boolean asOwner) {
        List<String> segments = List.of(path.split("/"));
        Optional<ApiToken> token = asOwner ? Optional.empty()
                : Optional.of(new ApiToken("script", TokenScope.FULL, clock.instant(), Optional.empty()));
        return api.handle(new ApiRequest(method, segments, Map.of(), body == null ? "" : body,
                asOwner ? Optional.of(session) : Optional.empty(), "10.0.0.1", false, token));
    }

    @Test
    void theOwnerCreatesListsAndRevokesTokens() {
        ApiResponse created = call("POST", "tokens", "{\"name\":\"prometheus\",\"readOnly\":true}", true);
        assertEquals(201, created.status(), created.text());
        Map<String, Object> made = Json.parseObject(created.text());
        String secret = (String) made.get("secret");
        assertTrue(TokenStore.SECRET.matcher(secret).matches(), secret);
        assertEquals("read-only", made.get("scope"));
        assertEquals("prometheus", services.tokens.verify(secret).orElseThrow().name());

        String list = call("GET", "tokens", null, true).text();
        assertTrue(list.contains("\"prometheus\"") && list.contains("\"read-only\""), list);
        assertFalse(list.contains(secret), "the list never shows a secret");

        assertEquals(200, call("DELETE", "tokens/prometheus", null, true).status());
        assertTrue(services.tokens.verify(secret).isEmpty());
        assertEquals(404, call("DELETE", "tokens/prometheus", null, true).status());
    }

    @Test
    void badTokenInputIs400() {
        assertEquals(400, call("POST", "tokens", "{\"name\":\"has space\"}", true).status());
        assertEquals(400, call("POST", "tokens", "{\"readOnly\":true}", true).status());
        assertEquals(400, call("POST", "tokens", "{\"name\":\"x\",\"readOnly\":\"yes\"}", true).status());
        assertEquals(400, call("POST", "tokens", "not json", true).status());
        call("POST", "tokens", "{\"name\":\"twice\"}", true);
        ApiResponse again = call("POST", "tokens", "{\"name\":\"twice\"}", true);
        assertEquals(400, again.status());
        assertTrue(again.text().contains("exists"), again.text());
    }

    @Test
    void aScriptWithATokenCannotManageTokensOrBackups() {
        services.backup = new FolderBackup();
        for (String[] c : new String[][] {{"GET", "tokens"}, {"POST", "tokens"}, {"DELETE", "tokens/x"},
                {"POST", "backup"}, {"GET", "backup/peer-backup-20260101-000000.zip"}}) {
            ApiResponse r = call(c[0], c[1], "{\"name\":\"more\"}", false);
            assertEquals(403, r.status(), c[0] + " " + c[1]);
            assertTrue(r.text().contains("sign in as the owner"), r.text());
        }
        assertTrue(services.tokens.list().isEmpty());
        assertTrue(((FolderBackup) services.backup).asked.isEmpty());
    }

    @Test
    void theBackupButtonWritesAnArchiveAndOffersItForDownload() throws Exception {
        FolderBackup backup = new FolderBackup();
        services.backup = backup;
        ApiResponse written = call("POST", "backup", "{}", true);
        assertEquals(200, written.status(), written.text());
        assertEquals(List.of(Optional.empty()), backup.asked, "the same backup as peer:backup without a file");
        Map<String, Object> out = Json.parseObject(written.text());
        assertEquals(backup.folder().resolve("peer-backup-20260101-000000.zip").toString(), out.get("file"));
        assertEquals("/api/v1/backup/peer-backup-20260101-000000.zip", out.get("download"));

        ApiResponse download = call("GET", "backup/peer-backup-20260101-000000.zip", null, true);
        assertEquals(200, download.status());
        assertEquals("application/zip", download.contentType());
        assertEquals(backup.folder().resolve("peer-backup-20260101-000000.zip"), download.file().orElseThrow());
        assertTrue(download.headers().get("Content-Disposition").contains("peer-backup-20260101-000000.zip"));
    }

    @Test
    void onlyArchivesOfTheBackupFolderCanBeDownloaded() throws Exception {
        FolderBackup backup = new FolderBackup();
        services.backup = backup;
        Files.createDirectories(backup.folder());
        Files.writeString(dir.resolve("outside.zip"), "secret");
        assertEquals(404, call("GET", "backup/missing.zip", null, true).status());
        assertEquals(400, call("GET", "backup/..", null, true).status());
        assertEquals(400, call("GET", "backup/users.properties", null, true).status());
        assertEquals(400, call("GET", "backup/.hidden.zip", null, true).status());
        Files.createSymbolicLink(backup.folder().resolve("link.zip"), dir.resolve("outside.zip"));
        assertEquals(404, call("GET", "backup/link.zip", null, true).status(), "a symlink out of the folder");
    }

    @Test
    void aFailedBackupSaysWhyAndOffersNothing() {
        FolderBackup backup = new FolderBackup();
        backup.failure = "cannot write the backup /x/peer.zip: disk full (nothing was left behind)";
        services.backup = backup;
        ApiResponse r = call("POST", "backup", "{}", true);
        assertEquals(500, r.status());
        assertTrue(r.text().contains("disk full"), r.text());
        assertFalse(r.text().contains("download"), r.text());
    }

    @Test
    void withoutTheBackupFeatureTheButtonSaysSo() {
        ApiResponse r = call("POST", "backup", "{}", true);
        assertEquals(503, r.status());
        assertTrue(r.text().contains("peer-backup"), r.text());
    }
}
