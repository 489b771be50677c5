package no.trinn.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import no.trinn.core.session.Decision;
import no.trinn.scenarios.Character;

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

    /** What a decision changed, e.g. {@code pace 0.40 -> 0.55, warmth - -> 0.70}; {@code held} if nothing. */
    static String changes(Decision d) {
        if (!d.changed()) {
            return "held";
        }
        return d.after().entrySet().stream().filter(e -> !e.getValue().equals(d.before().get(e.getKey())))
                .map(e -> e.getKey() + " " + Optional.ofNullable(d.before().get(e.getKey())).map(Html::num)
                        .orElse("-") + " -> " + Html.num(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** Opens a character's block of temperament sliders with its name and role; the caller closes the div. */
    static String characterHeading(Character c) {
        return "<div class=\"character\"><h3>" + esc(c.name()) + " <small>" + esc(c.role()) + "</small></h3>";
    }

    /**
     * A temperament slider: a tick box {@code t.set=KEY} (id {@code FIELD_set}) that says the value is set, and a
     * range input {@code t.KEY} (id {@code FIELD}) showing {@code value} in an output.
     */
    static String temperamentSlider(String key, String field, String name, boolean chosen, double value) {
        return "<div class=\"slider\"><input type=\"checkbox\" name=\"t.set\" value=\"" + esc(key) + "\" id=\""
                + esc(field) + "_set\"" + (chosen ? " checked" : "") + " aria-label=\"set " + esc(name)
                + "\"><label for=\"" + esc(field) + "\">" + esc(name)
                + "</label><input type=\"range\" min=\"0\" max=\"1\" step=\"0.05\" name=\"t." + esc(key) + "\" id=\""
                + esc(field) + "\" value=\"" + num(value) + "\" data-set=\"" + esc(field) + "_set\"><output for=\""
                + esc(field) + "\">" + num(value) + "</output></div>";
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
