package no.trinn.app.practice;

import java.util.EnumMap;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * How each kind of transcript text looks: {@link #plain()} leaves text as it is; {@link #colours()} gives each kind
 * its own ANSI colour (character lines, coach notices, status notices and feedback all differ). Immutable.
 */
public final class Palette {
    /** The kinds of text in a transcript. */
    public enum Role {
        /** The "You:" label of the client's own lines. */
        YOU,
        /** A character's name and role. */
        CHARACTER_NAME,
        /** What a character says. */
        CHARACTER,
        /** The coach's out-of-role words (safety). */
        COACH,
        /** Pause and resume notices. */
        STATUS,
        /** End-of-session feedback. */
        FEEDBACK,
        /** Headings and help from the command line itself. */
        INFO
    }

    private static final Palette PLAIN = new Palette(Map.of());

    private final Map<Role, AttributedStyle> styles;

    private Palette(Map<Role, AttributedStyle> styles) {
        this.styles = styles;
    }

    /** No colours. */
    public static Palette plain() {
        return PLAIN;
    }

    /** A distinct colour for each role. */
    public static Palette colours() {
        Map<Role, AttributedStyle> s = new EnumMap<>(Role.class);
        s.put(Role.YOU, AttributedStyle.BOLD);
        s.put(Role.CHARACTER_NAME, AttributedStyle.BOLD.foreground(AttributedStyle.CYAN));
        s.put(Role.CHARACTER, AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
        s.put(Role.COACH, AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA));
        s.put(Role.STATUS, AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW));
        s.put(Role.FEEDBACK, AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN));
        s.put(Role.INFO, AttributedStyle.DEFAULT.faint());
        return new Palette(Map.copyOf(s));
    }

    /**
     * The palette for an interactive terminal: colours, unless {@code NO_COLOR} is set to anything non-empty
     * (no-color.org) or the terminal is dumb.
     */
    public static Palette forTerminal(Map<String, String> env, String terminalType) {
        boolean noColour = !env.getOrDefault("NO_COLOR", "").isEmpty() || terminalType.startsWith("dumb");
        return noColour ? plain() : colours();
    }

    /** {@code text} in the style of {@code role}. */
    public String paint(Role role, String text) {
        AttributedStyle style = styles.get(role);
        return style == null || text.isEmpty() ? text : new AttributedString(text, style).toAnsi();
    }
}
