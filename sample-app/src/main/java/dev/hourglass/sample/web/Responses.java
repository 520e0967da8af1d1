package dev.hourglass.sample.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes complete response bodies, always with an explicit UTF-8 charset. */
final class Responses {

    private Responses() {
    }

    static void text(HttpServletResponse response, int status, String body) throws IOException {
        write(response, status, "text/plain;charset=utf-8", body);
    }

    static void json(HttpServletResponse response, int status, String body) throws IOException {
        write(response, status, "application/json;charset=utf-8", body);
    }

    static void html(HttpServletResponse response, int status, String body) throws IOException {
        write(response, status, "text/html;charset=utf-8", body);
    }

    private static void write(HttpServletResponse response, int status, String contentType, String body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.getWriter().write(body);
    }
}
