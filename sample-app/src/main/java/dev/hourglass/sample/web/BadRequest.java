package dev.hourglass.sample.web;

/** Thrown by a servlet when the client sent something it cannot use; {@link SampleServlet} turns it into 400. */
final class BadRequest extends RuntimeException {

    BadRequest(String message) {
        super(message, null, false, false); // a client mistake, not a server fault: no stack trace needed
    }
}
