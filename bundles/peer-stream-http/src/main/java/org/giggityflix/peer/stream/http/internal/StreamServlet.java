package org.giggityflix.peer.stream.http.internal;

import java.io.IOException;
import java.io.OutputStream;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code StreamServlet} is responsible for {@code GET/HEAD /stream/<luid>?exp=&sig=} (the file) and
 * {@code /stream/<luid>/subtitles/<index>.vtt?exp=&sig=} (one subtitle stream as WebVTT) in the default servlet
 * context: the signature is the authorisation, so anyone the owner or the Edge gave a link can play the file
 * directly.
 */
final class StreamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StreamServlet.class);

    private final transient LinkGate gate;
    private final transient FileSender sender;
    private final transient Subtitles subtitles;

    StreamServlet(LinkGate gate, FileSender sender, Subtitles subtitles) {
        this.gate = gate;
        this.sender = sender;
        this.subtitles = subtitles;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean head) throws IOException {
        LinkGate.Outcome outcome = gate.check(request.getPathInfo(), request.getParameter("exp"),
                request.getParameter("sig"));
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (!outcome.allowed()) {
            response.setStatus(outcome.status());
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().println(outcome.message());
            return;
        }
        if (outcome.stream() >= 0) {
            Subtitles.Vtt vtt = subtitles.vtt(outcome.file(), outcome.stream());
            byte[] body = vtt.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            response.setStatus(vtt.status());
            response.setContentType(vtt.status() == 200 ? "text/vtt;charset=utf-8" : "text/plain;charset=utf-8");
            response.setHeader("Cache-Control", "private, max-age=300");
            response.setContentLength(body.length);
            if (!head) {
                response.getOutputStream().write(body);
            }
            return;
        }
        try {
            sender.send(outcome.luid(), outcome.file(), head, request.getHeader("Range"), new FileSender.Reply() {
                @Override
                public void status(int code) {
                    response.setStatus(code);
                }

                @Override
                public void header(String name, String value) {
                    if (name.equals("Content-Length")) {
                        response.setContentLengthLong(Long.parseLong(value));
                    } else {
                        response.setHeader(name, value);
                    }
                }

                @Override
                public OutputStream body() throws IOException {
                    return response.getOutputStream();
                }
            });
        } catch (IOException e) {
            // The viewer went away (seeking closes connections all the time) or the transfer was stopped.
            LOG.debug("sending {} ended early: {}", outcome.file(), e.getMessage());
        }
    }
}
