package org.giggityflix.peer.web.internal;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.giggityflix.peer.api.backup.BackupArchive;
import org.giggityflix.peer.api.backup.BackupException;
import org.giggityflix.peer.api.backup.PeerBackup;
import org.giggityflix.peer.api.token.ApiToken;
import org.giggityflix.peer.api.token.ApiTokenException;
import org.giggityflix.peer.api.token.ApiTokens;
import org.giggityflix.peer.api.token.NewApiToken;
import org.giggityflix.peer.api.token.TokenScope;

/**
 * {@code OwnerHandlers} is responsible for the API calls only the signed-in owner may make, never a script with a
 * token: managing API tokens ({@code GET|POST tokens}, {@code DELETE tokens/{name}}) and backups ({@code POST backup}
 * writes one as {@code peer:backup} does, {@code GET backup/{file}} downloads one from the backup folder).
 */
final class OwnerHandlers {

    /** The names of archives in the backup folder that may be downloaded. */
    private static final Pattern ARCHIVE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.zip");

    private final Backend backend;

    OwnerHandlers(Backend backend) {
        this.backend = backend;
    }

    ApiResponse tokens(ApiRequest r) {
        if (r.session().isEmpty()) {
            return ownerOnly(r);
        }
        Optional<ApiTokens> store = backend.tokens();
        if (store.isEmpty()) {
            return ApiResponse.error(503, "API tokens are not available right now (the peer is starting or stopping).");
        }
        int n = r.segments().size();
        try {
            if (n == 1 && (r.method().equals("GET") || r.method().equals("HEAD"))) {
                return ApiResponse.ok(Json.obj("tokens", store.get().list().stream().map(OwnerHandlers::json).toList()));
            }
            if (n == 1 && r.method().equals("POST")) {
                Map<String, Object> body = ApiSupport.object(r.body());
                Object name = body.get("name");
                Object readOnly = body.getOrDefault("readOnly", Boolean.FALSE);
                if (!(name instanceof String) || !(readOnly instanceof Boolean)) {
                    throw new ApiSupport.BadRequest("Send {\"name\": \"…\", \"readOnly\": true|false}.");
                }
                NewApiToken created = store.get().create((String) name,
                        (Boolean) readOnly ? TokenScope.READ_ONLY : TokenScope.FULL);
                Map<String, Object> out = json(created.token());
                out.put("secret", created.secret());
                out.put("message", "Copy the token now: it is shown only this once.");
                return ApiResponse.json(201, out);
            }
            if (n == 2 && r.method().equals("DELETE")) {
                store.get().revoke(r.segment(1));
                return ApiResponse.ok(Json.obj("revoked", r.segment(1)));
            }
        } catch (ApiTokenException e) {
            return ApiResponse.error(e.getMessage().startsWith("No token") ? 404
                    : e.getMessage().startsWith("cannot write") ? 500 : 400, e.getMessage());
        }
        return n <= 2 ? ApiResponse.error(405, "Method not allowed here (see /api/v1/openapi.json).")
                : ApiResponse.error(404, "No such API endpoint (see /api/v1/openapi.json).");
    }

    ApiResponse backup(ApiRequest r) {
        if (r.session().isEmpty()) {
            return ownerOnly(r);
        }
        Optional<PeerBackup> backup = backend.backup();
        if (backup.isEmpty()) {
            return ApiResponse.error(503, "Backups are not available (feature peer-backup is not installed).");
        }
        int n = r.segments().size();
        if (n == 1 && r.method().equals("POST")) {
            try {
                BackupArchive a = backup.get().backup(Optional.empty());
                Map<String, Object> out = Json.obj("file", a.file().toString(), "bytes", a.bytes(),
                        "peerId", a.peerId(), "schemaVersion", a.schemaVersion(), "mediaFiles", a.mediaFiles(),
                        "entries", a.entries(), "created", a.created().toString(),
                        "restore", "bin/peer restore " + a.file());
                out.put("download", WebConstants.API + "/backup/" + a.file().getFileName());
                return ApiResponse.ok(out);
            } catch (BackupException e) {
                return ApiResponse.error(500, e.getMessage());
            }
        }
        if (n == 2 && (r.method().equals("GET") || r.method().equals("HEAD"))) {
            String name = r.segment(1);
            if (!ARCHIVE.matcher(name).matches()) {
                throw new ApiSupport.BadRequest("Not the name of a backup archive.");
            }
            Path folder = backup.get().folder().toAbsolutePath().normalize();
            Path file = folder.resolve(name).normalize();
            if (!folder.equals(file.getParent()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return ApiResponse.error(404, "No backup named " + name + " in " + folder + ".");
            }
            return ApiResponse.file("application/zip", file)
                    .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        }
        return n <= 2 ? ApiResponse.error(405, "Method not allowed here (see /api/v1/openapi.json).")
                : ApiResponse.error(404, "No such API endpoint (see /api/v1/openapi.json).");
    }

    private static ApiResponse ownerOnly(ApiRequest r) {
        return ApiResponse.error(403, r.token().isPresent()
                ? "API tokens cannot manage tokens or backups: sign in as the owner."
                : "Sign in as the owner first.");
    }

    static Map<String, Object> json(ApiToken t) {
        return Json.obj("name", t.name(), "scope", t.scope() == TokenScope.READ_ONLY ? "read-only" : "full",
                "created", t.created().toString(), "lastUsed", t.lastUsed().map(Object::toString));
    }
}
