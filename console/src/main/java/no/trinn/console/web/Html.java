package no.trinn.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Escaping and small pieces of the console's HTML. Every text from the store passes through {@link #esc}. */
final class Html {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** {@code text} safe inside an element or a quoted attribute. */
    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append("&#xFFFD;");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** {@code value} as a query parameter value. */
    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** A hidden CSRF field. */
    static String csrf(String token) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(token) + "\">";
    }

    /** A whole page: {@code nav} is the CSRF token for the logout button, or null on pages before login. */
    static String page(String title, String csrfForNav, String body) {
        StringBuilder out = new StringBuilder(body.length() + 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" - Trinn console</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/console.css\">");
        if (csrfForNav != null) {
            out.append("<script src=\"/static/console.js\" defer></script>");
        }
        out.append("</head><body><header><a class=\"brand\" href=\"/\">Trinn console</a>");
        if (csrfForNav != null) {
            out.append("<form method=\"post\" action=\"/logout\" class=\"logout\">").append(csrf(csrfForNav))
                    .append("<button type=\"submit\">Log out</button></form>");
        }
        out.append("</header><main>").append(body).append("</main></body></html>\n");
        return out.toString();
    }
}
