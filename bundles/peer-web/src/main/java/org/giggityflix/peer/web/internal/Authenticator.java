package org.giggityflix.peer.web.internal;

import java.util.Optional;

/** {@code Authenticator} is responsible for checking a user name and password and saying who signed in. */
interface Authenticator {

    /** The result of a sign-in attempt. */
    enum Outcome { OK, WRONG_CREDENTIALS, NOT_ADMIN, UNAVAILABLE }

    /**
     * @param message what the person signing in is told
     * @param detail  why, for the owner's log (the realm's exception and its message; never the password)
     */
    record Result(Outcome outcome, Optional<String> user, String message, String detail) {
        static Result ok(String user) {
            return new Result(Outcome.OK, Optional.of(user), "", "");
        }

        static Result refused(Outcome outcome, String message) {
            return new Result(outcome, Optional.empty(), message, "");
        }

        static Result refused(Outcome outcome, String message, String detail) {
            return new Result(outcome, Optional.empty(), message, detail);
        }
    }

    Result authenticate(String user, char[] password);
}
