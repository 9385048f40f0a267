package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.giggityflix.peer.api.token.ApiToken;
import org.giggityflix.peer.api.token.ApiTokenException;
import org.giggityflix.peer.api.token.ApiTokens;
import org.giggityflix.peer.api.token.NewApiToken;
import org.giggityflix.peer.api.token.TokenScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code TokenStore} is responsible for the API tokens in their file ({@code DATA_DIR/}{@value #FILE_NAME},
 * owner-only): one line per token with its name, scope, creation, last use and the SHA-256 of its secret, rewritten
 * whole through a temporary file and a rename, so a crash leaves the old file or the new one.
 *
 * <p>Why SHA-256 and not a slow hash such as PBKDF2: a slow hash protects secrets a person chose, which are guessable.
 * A token's secret is 256 random bits from {@link SecureRandom}; nobody can guess it from its hash in any number of
 * tries, so a single SHA-256 keeps a stolen token file useless while a Prometheus scrape every few seconds costs a
 * microsecond instead of a PBKDF2 run. Lookup by hash also means the secret is never compared character by
 * character (no timing to learn it from).
 */
final class TokenStore implements ApiTokens {

    private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);

    static final String FILE_NAME = "api-tokens";
    /** Every secret starts with this, so a leaked one is recognisable (secret scanners, logs). */
    static final String PREFIX = "gfx_";
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** What a well-formed secret looks like: the prefix and 43 URL-safe Base64 characters (32 bytes). */
    static final Pattern SECRET = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    /** A use is written to the file at most this often per token (a scrape every 15 s must not rewrite it each time). */
    private static final Duration LAST_USED_GRAIN = Duration.ofMinutes(1);

    private record Entry(ApiToken token, String hash) {
    }

    private final Path file;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** By name; guarded by {@code this}. */
    private final Map<String, Entry> byName = new LinkedHashMap<>();
    /** By hash of the secret; guarded by {@code this}. */
    private final Map<String, Entry> byHash = new LinkedHashMap<>();

    TokenStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        load();
    }

    @Override
    public synchronized NewApiToken create(String name, TokenScope scope) {
        String n = name == null ? "" : name.trim();
        if (!NAME.matcher(n).matches()) {
            throw new ApiTokenException("A token name is 1 to 64 letters, digits, '.', '_' or '-' (got '"
                    + printable(n) + "').");
        }
        if (byName.containsKey(n)) {
            throw new ApiTokenException("A token named '" + n + "' exists; revoke it first or choose another name.");
        }
        if (scope == null) {
            throw new ApiTokenException("Say whether the token is read-only or full.");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Entry entry = new Entry(new ApiToken(n, scope, clock.instant().truncatedTo(ChronoUnit.SECONDS),
                Optional.empty()), hash(secret));
        byName.put(n, entry);
        byHash.put(entry.hash(), entry);
        try {
            save();
        } catch (ApiTokenException e) {
            byName.remove(n);
            byHash.remove(entry.hash());
            throw e;
        }
        LOG.info("API token '{}' created ({})", n, scope == TokenScope.READ_ONLY ? "read-only" : "full");
        return new NewApiToken(entry.token(), secret);
    }

    @Override
    public synchronized List<ApiToken> list() {
        return byName.values().stream().map(Entry::token).toList();
    }

    @Override
    public synchronized void revoke(String name) {
        Entry entry = name == null ? null : byName.get(name.trim());
        if (entry == null) {
            throw new ApiTokenException("No token named '" + printable(name == null ? "" : name.trim()) + "'.");
        }
        byName.remove(entry.token().name());
        byHash.remove(entry.hash());
        try {
            save();
        } catch (ApiTokenException e) {
            byName.put(entry.token().name(), entry);
            byHash.put(entry.hash(), entry);
            throw e;
        }
        LOG.info("API token '{}' revoked", entry.token().name());
    }

    @Override
    public synchronized Optional<ApiToken> verify(String secret) {
        if (secret == null || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        Entry entry = byHash.get(hash(secret));
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Instant> last = entry.token().lastUsed();
        if (last.isEmpty() || !last.get().plus(LAST_USED_GRAIN).isAfter(now)) {
            ApiToken t = entry.token();
            Entry used = new Entry(new ApiToken(t.name(), t.scope(), t.created(),
                    Optional.of(now.truncatedTo(ChronoUnit.SECONDS))), entry.hash());
            byName.put(t.name(), used);
            byHash.put(used.hash(), used);
            try {
                save();
            } catch (ApiTokenException e) {
                LOG.warn("API token '{}' used, but its last use could not be stored: {}", t.name(), e.getMessage());
            }
            return Optional.of(used.token());
        }
        return Optional.of(entry.token());
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot read the API tokens in {} ({}): no token works until it can be read", file,
                    e.getMessage());
            return;
        }
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Optional<Entry> entry = parse(line);
            if (entry.isEmpty()) {
                LOG.warn("{} line {} is not a token line; ignored", file, number);
                continue;
            }
            byName.put(entry.get().token().name(), entry.get());
            byHash.put(entry.get().hash(), entry.get());
        }
    }

    /** {@code name<TAB>scope<TAB>created<TAB>lastUsed or -<TAB>sha256 hex}. */
    static Optional<Entry> parse(String line) {
        String[] f = line.split("\t");
        if (f.length != 5 || !NAME.matcher(f[0]).matches() || !f[4].matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        try {
            TokenScope scope = TokenScope.valueOf(f[1].toUpperCase(Locale.ROOT));
            Optional<Instant> last = f[3].equals("-") ? Optional.empty() : Optional.of(Instant.parse(f[3]));
            return Optional.of(new Entry(new ApiToken(f[0], scope, Instant.parse(f[2]), last), f[4]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private void save() {
        List<String> lines = new ArrayList<>();
        lines.add("# Giggityflix peer API tokens: name, scope, created, last used, SHA-256 of the secret.");
        lines.add("# Manage them with peer:token-* or the settings page; a secret is shown once and never stored.");
        for (Entry e : byName.values()) {
            ApiToken t = e.token();
            lines.add(String.join("\t", t.name(), t.scope().name(), t.created().toString(),
                    t.lastUsed().map(Instant::toString).orElse("-"), e.hash()));
        }
        Path temp = file.resolveSibling("." + FILE_NAME + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(temp);
            ownerOnly(Files.createFile(temp));
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the next save starts by deleting it again
            }
            throw new ApiTokenException("cannot write the API tokens to " + file + ": " + reason(e), e);
        }
    }

    private static void ownerOnly(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing more we can do
        }
    }

    private static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left on device")) {
            return "disk full";
        }
        if (e instanceof AccessDeniedException || m.contains("Read-only file system")) {
            return "the folder is not writable";
        }
        return e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String printable(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
