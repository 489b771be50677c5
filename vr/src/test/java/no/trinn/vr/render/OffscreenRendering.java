package no.trinn.vr.render;

import no.trinn.vr.RenderUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * One offscreen renderer for a test class's tests, opened before them and closed after; a test that needs it gets it
 * from {@link #renderer()} and is skipped, saying why, where offscreen rendering cannot start.
 */
abstract class OffscreenRendering {
    private static FrameRenderer renderer;
    private static String unavailable = "";

    @BeforeAll
    static void open() {
        try {
            renderer = FrameRenderer.offscreen();
            unavailable = "";
        } catch (RenderUnavailableException e) {
            renderer = null;
            unavailable = e.getMessage();
        }
    }

    @AfterAll
    static void close() {
        if (renderer != null) {
            renderer.close();
            renderer = null;
        }
    }

    /** The renderer; skips the test when offscreen rendering is unavailable. */
    static FrameRenderer renderer() {
        Assumptions.assumeTrue(renderer != null, unavailable);
        return renderer;
    }
}
