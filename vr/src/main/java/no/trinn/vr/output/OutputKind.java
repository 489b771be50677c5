package no.trinn.vr.output;

/** The three outputs, in the order the selector prefers them. */
public enum OutputKind {
    /** A headset through an OpenXR runtime. */
    OPENXR("openxr"),
    /** A desktop window through GLFW. */
    WINDOW("window"),
    /** Images rendered without any display. */
    OFFSCREEN("offscreen");

    private final String word;

    OutputKind(String word) {
        this.word = word;
    }

    /** The lower-case word used in reasons and on the command line. */
    public String word() {
        return word;
    }
}
