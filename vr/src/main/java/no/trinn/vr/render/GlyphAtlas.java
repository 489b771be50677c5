package no.trinn.vr.render;

import static org.lwjgl.opengl.GL33C.*;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.lwjgl.system.MemoryUtil;

/**
 * A single-channel texture of glyphs drawn by java.awt (headless) from the logical SansSerif font: printable ASCII,
 * Latin-1 (so Norwegian æøå) and a few typographic marks. Each glyph's cell is its advance plus padding, one line high.
 */
final class GlyphAtlas implements AutoCloseable {
    /** The font size the atlas is drawn at; text is scaled from it. */
    static final int PIXELS = 40;
    private static final int PAD = 2;
    private static final int ATLAS_WIDTH = 1024;

    /** Where a glyph lies in the atlas (texels) and how far the pen moves after it (pixels at {@link #PIXELS}). */
    record Glyph(int x, int y, int w, int h, int advance) {
    }

    private final Map<Integer, Glyph> glyphs = new HashMap<>();
    private final int lineHeight;
    private final int ascent;
    private final int texture;
    private final int atlasWidth;
    private final int atlasHeight;

    GlyphAtlas() {
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, PIXELS);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        pg.dispose();
        lineHeight = fm.getAscent() + fm.getDescent();
        ascent = fm.getAscent();
        StringBuilder chars = new StringBuilder();
        for (int c = 32; c < 127; c++) {
            chars.append((char) c);
        }
        for (int c = 160; c < 256; c++) {
            chars.append((char) c);
        }
        chars.append("\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u20AC");
        int x = 0;
        int y = 0;
        int cellH = lineHeight + 2 * PAD;
        Map<Integer, int[]> place = new HashMap<>();
        for (int i = 0; i < chars.length(); i++) {
            int c = chars.charAt(i);
            int w = fm.charWidth(c) + 2 * PAD;
            if (x + w > ATLAS_WIDTH) {
                x = 0;
                y += cellH;
            }
            place.put(c, new int[] {x, y, w});
            x += w;
        }
        atlasWidth = ATLAS_WIDTH;
        atlasHeight = Integer.highestOneBit(y + cellH) << 1;
        BufferedImage img = new BufferedImage(atlasWidth, atlasHeight, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setFont(font);
        g.setColor(java.awt.Color.WHITE);
        for (Map.Entry<Integer, int[]> e : place.entrySet()) {
            int[] p = e.getValue();
            g.drawString(String.valueOf((char) (int) e.getKey()), p[0] + PAD, p[1] + PAD + ascent);
            glyphs.put(e.getKey(), new Glyph(p[0], p[1], p[2], cellH, fm.charWidth(e.getKey())));
        }
        g.dispose();
        byte[] grey = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        ByteBuffer buf = MemoryUtil.memAlloc(grey.length).put(grey).flip();
        try {
            texture = Gl.created(glGenTextures(), "glGenTextures (glyph atlas)");
            glBindTexture(GL_TEXTURE_2D, texture);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlasWidth, atlasHeight, 0, GL_RED, GL_UNSIGNED_BYTE, buf);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
            Gl.check("uploading the glyph atlas");
        } finally {
            MemoryUtil.memFree(buf);
        }
    }

    /** The glyph of {@code c}, or of '?' when the atlas lacks it. */
    Glyph glyph(int c) {
        Glyph g = glyphs.get(c);
        return g != null ? g : glyphs.get((int) '?');
    }

    /** Width of {@code text} in pixels at {@link #PIXELS}. */
    int width(String text) {
        int w = 0;
        for (int i = 0; i < text.length(); i++) {
            w += glyph(text.charAt(i)).advance();
        }
        return w;
    }

    int lineHeight() {
        return lineHeight;
    }

    int atlasWidth() {
        return atlasWidth;
    }

    int atlasHeight() {
        return atlasHeight;
    }

    static int pad() {
        return PAD;
    }

    void bind() {
        glBindTexture(GL_TEXTURE_2D, texture);
    }

    @Override
    public void close() {
        glDeleteTextures(texture);
    }
}
