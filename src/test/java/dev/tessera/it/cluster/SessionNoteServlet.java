package dev.tessera.it.cluster;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * ClusterIT's window on the HTTP session: {@code POST /note?text=...} keeps a {@link Note} in the caller's session
 * (creating it), {@code GET /note} shows the session's note as {@code text@port-that-wrote-it}, or answers 404 when
 * the caller has no session or no note. Every answer names the server that gave it in {@code X-Served-By}.
 */
@WebServlet("/note")
public class SessionNoteServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String ATTRIBUTE = "note";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String text = request.getParameter("text");
        if (text == null || text.isBlank()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "the parameter text is missing");
            return;
        }
        Note note = new Note(text, request.getLocalPort());
        request.getSession(true).setAttribute(ATTRIBUTE, note);
        answer(request, response, note);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Object note = session == null ? null : session.getAttribute(ATTRIBUTE);
        if (note == null) {
            response.setHeader("X-Served-By", String.valueOf(request.getLocalPort()));
            response.sendError(HttpServletResponse.SC_NOT_FOUND, session == null ? "no session" : "no note in the session");
            return;
        }
        answer(request, response, (Note) note);
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, Note note) throws IOException {
        response.setHeader("X-Served-By", String.valueOf(request.getLocalPort()));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(note.text() + "@" + note.writtenOn());
    }
}
