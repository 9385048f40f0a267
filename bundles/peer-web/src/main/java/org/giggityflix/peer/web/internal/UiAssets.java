package org.giggityflix.peer.web.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

import org.giggityflix.peer.api.web.PeerWebContext;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * {@code UiAssets} is responsible for publishing the UI's static files (CSS, JavaScript, the icon) from the bundle's
 * {@code /ui/assets} folder at {@code /assets/*} through the HTTP Whiteboard's own resource support, in the peer's
 * context, so they pass {@link PeerContextHelper}'s security first (public paths there: the sign-in page uses them).
 * The service object is not used: its properties are the registration. {@link Headers} gives the files the caching
 * and the content types the UI has always had, and answers {@code /favicon.ico} with the icon.
 */
@Component(service = UiAssets.class)
@HttpWhiteboardResource(pattern = UiAssets.PATH + "*", prefix = "/ui/assets")
@HttpWhiteboardContextSelect(PeerWebContext.CONTEXT_SELECT)
public final class UiAssets {

    static final String PATH = "/assets/";
    static final String FAVICON = "/favicon.ico";

    /** Content types by extension, text ones in UTF-8 (the container's own would be {@code application/javascript}). */
    private static final Map<String, String> TYPES = Map.of(
            ".css", "text/css;charset=utf-8",
            ".js", "text/javascript;charset=utf-8",
            ".svg", "image/svg+xml",
            ".ico", "image/x-icon");

    /** The content type of the file at {@code path}, or null to leave it to the container. */
    static String type(String path) {
        int dot = path.lastIndexOf('.');
        return dot <= path.lastIndexOf('/') + 1 ? null : TYPES.get(path.substring(dot).toLowerCase(Locale.ROOT));
    }

    /**
     * {@code Headers} is responsible for the UI files' answer headers: {@code Cache-Control: no-cache} (the browser
     * keeps them but asks each time whether the bundle changed them: ETag and Last-Modified come from the resource
     * support) and the content type from {@link #type}, and for {@code /favicon.ico}, which is the same icon.
     */
    @Component(service = Filter.class)
    @HttpWhiteboardFilterName(WebConstants.UI_ASSETS_FILTER)
    @HttpWhiteboardFilterPattern({PATH + "*", FAVICON})
    @HttpWhiteboardContextSelect(PeerWebContext.CONTEXT_SELECT)
    public static final class Headers implements Filter {

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            String path = request.getRequestURI();
            String file = path.equals(FAVICON) ? PATH + "favicon.svg" : path;
            response.setHeader("Cache-Control", "no-cache");
            String type = type(file);
            HttpServletResponse typed = type == null ? response : new Typed(response, type);
            if (path.equals(FAVICON)) {
                request.getRequestDispatcher(file).forward(request, typed);
            } else {
                chain.doFilter(request, typed);
            }
        }
    }

    /** {@code Typed} is responsible for keeping one content type on a successful answer, whatever the container sets. */
    private static final class Typed extends HttpServletResponseWrapper {
        private final String type;

        Typed(HttpServletResponse response, String type) {
            super(response);
            this.type = type;
        }

        @Override
        public void setContentType(String ignored) {
            super.setContentType(getStatus() < 400 ? type : ignored);
        }

        @Override
        public void setHeader(String name, String value) {
            if (name.equalsIgnoreCase("Content-Type")) {
                setContentType(value);
            } else {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (name.equalsIgnoreCase("Content-Type")) {
                setContentType(value);
            } else {
                super.addHeader(name, value);
            }
        }
    }
}
