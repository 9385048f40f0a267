package org.giggityflix.peer.web.internal;

import java.util.Optional;

/** {@code Authenticator} is responsible for checking a user name and password and saying who signed in. */
interface Authenticator {

    /** The result of a sign-in attempt. */
    enum Outcome { OK, WRONG_CREDENTIALS, NOT_ADMIN, UNAVAILABLE }

    record Result(Outcome outcome, Optional<String> user, String message) {
        static Result ok(String user) {
            return new Result(Outcome.OK, Optional.of(user), "");
        }

        static Result refused(Outcome outcome, String message) {
            return new Result(outcome, Optional.empty(), message);
        }
    }

    Result authenticate(String user, char[] password);
}
