package no.trinn.vr.render;

import static org.lwjgl.opengl.GL33C.*;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import no.trinn.core.Require;
import no.trinn.vr.RenderUnavailableException;
import no.trinn.vr.VrException;
import no.trinn.vr.avatar.Avatar;
import no.trinn.vr.avatar.AvatarState;
import no.trinn.vr.math.Mat4;
import no.trinn.vr.math.Vec3;
import no.trinn.vr.model.Model;
import no.trinn.vr.scene.CharacterModel;
import no.trinn.vr.scene.Prop;
import no.trinn.vr.scene.CameraPose;
import no.trinn.vr.scene.KeyLight;
import no.trinn.vr.scene.Rgb;
import no.trinn.vr.scene.Scene;
import no.trinn.vr.scene.Solid;

/**
 * Draws {@link Frame}s with OpenGL 3.3 core: the scene's solids and the generated avatar lit by one key light and a
 * hemispheric ambient, then captions or the pause screen on top. The offscreen renderer owns an EGL surfaceless
 * context; it is not thread-safe, but any one thread at a time may use it (each call makes the context current).
 * Every native object is closed, in reverse order of creation, by {@link #close()}.
 */
public final class FrameRenderer implements AutoCloseable {
    /** Width of a frame when the caller has no preference. */
    public static final int DEFAULT_WIDTH = 1280;
    /** Height of a frame when the caller has no preference. */
    public static final int DEFAULT_HEIGHT = 720;

    private static final String LIT_VERTEX = """
            #version 330 core
            layout(location = 0) in vec3 aPos;
            layout(location = 1) in vec3 aNormal;
            uniform mat4 uModel;
            uniform mat4 uViewProj;
            uniform mat3 uNormalMatrix;
            out vec3 vNormal;
            out vec3 vWorld;
            void main() {
                vec4 w = uModel * vec4(aPos, 1.0);
                vWorld = w.xyz;
                vNormal = uNormalMatrix * aNormal;
                gl_Position = uViewProj * w;
            }
            """;
    private static final String LIT_FRAGMENT = """
            #version 330 core
            in vec3 vNormal;
            in vec3 vWorld;
            uniform vec3 uColour;
            uniform float uShine;
            uniform vec3 uAmbient;
            uniform vec3 uLightDir;
            uniform vec3 uLightColour;
            uniform vec3 uEye;
            out vec4 fragColour;
            void main() {
                vec3 n = normalize(vNormal);
                vec3 l = -normalize(uLightDir);
                float ndl = dot(n, l);
                float diffuse = max(ndl, 0.0) * 0.8 + (ndl * 0.5 + 0.5) * 0.2;
                float hemi = 0.8 + 0.2 * n.y;
                vec3 v = normalize(uEye - vWorld);
                vec3 h = normalize(l + v);
                float spec = pow(max(dot(n, h), 0.0), 8.0 + 56.0 * uShine) * uShine * 0.3;
                float rim = pow(1.0 - max(dot(n, v), 0.0), 3.0) * 0.06;
                vec3 c = uColour * (uAmbient * hemi + uLightColour * diffuse * 0.7) + uLightColour * spec + rim;
                fragColour = vec4(min(c, vec3(1.0)), 1.0);
            }
            """;
    private static final String OVERLAY_VERTEX = """
            #version 330 core
            layout(location = 0) in vec2 aPos;
            layout(location = 1) in vec2 aUv;
            uniform vec2 uScreen;
            out vec2 vUv;
            void main() {
                vUv = aUv;
                gl_Position = vec4(aPos.x / uScreen.x * 2.0 - 1.0, 1.0 - aPos.y / uScreen.y * 2.0, 0.0, 1.0);
            }
            """;
    private static final String OVERLAY_FRAGMENT = """
            #version 330 core
            in vec2 vUv;
            uniform sampler2D uAtlas;
            uniform vec4 uColour;
            uniform int uText;
            out vec4 fragColour;
            void main() {
                float a = uText == 1 ? texture(uAtlas, vUv).r : 1.0;
                fragColour = vec4(uColour.rgb, uColour.a * a);
            }
            """;
    private static final Rgb CHARACTER_TEXT = Rgb.hex("#ffffff");
    private static final Rgb CHARACTER_LABEL = Rgb.hex("#ffd479");
    private static final Rgb CLIENT_TEXT = Rgb.hex("#d6ebff");
    private static final Rgb CLIENT_LABEL = Rgb.hex("#8fd0ff");
    private static final Rgb PAUSE_VEIL = Rgb.hex("#27324a");
    private static final Rgb PAUSE_TEXT = Rgb.hex("#eef2ff");
    private static final int MAX_ROWS_PER_CAPTION = 3;

    private final RenderContext context;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final GlProgram lit;
    private final GlProgram overlay;
    private final Mesh box;
    private final Mesh cylinder;
    private final Mesh sphere;
    private final GlyphAtlas atlas;
    private final int overlayVao;
    private final int overlayVbo;
    private final int samples;
    private final float[] mat4 = new float[16];
    private final float[] mat3 = new float[9];
    private OffscreenTarget cached;
    /** Uploaded glTF pieces, by identity; models are immutable, so each is uploaded once and kept until close. */
    private final Map<Model.Piece, Mesh> pieceMeshes = new IdentityHashMap<>();
    private boolean closed;

    private FrameRenderer(RenderContext context, int samples) {
        this.context = context;
        this.samples = samples;
        resources.push(context);
        try {
            lit = keep(new GlProgram("lit", LIT_VERTEX, LIT_FRAGMENT));
            overlay = keep(new GlProgram("overlay", OVERLAY_VERTEX, OVERLAY_FRAGMENT));
            box = keep(Mesh.box());
            cylinder = keep(Mesh.cylinder(24));
            sphere = keep(Mesh.sphere(16, 24));
            atlas = keep(new GlyphAtlas());
            overlayVao = Gl.created(glGenVertexArrays(), "glGenVertexArrays (overlay)");
            resources.push(() -> glDeleteVertexArrays(overlayVao));
            overlayVbo = Gl.created(glGenBuffers(), "glGenBuffers (overlay)");
            resources.push(() -> glDeleteBuffers(overlayVbo));
            glBindVertexArray(overlayVao);
            glBindBuffer(GL_ARRAY_BUFFER, overlayVbo);
            glVertexAttribPointer(0, 2, GL_FLOAT, false, 16, 0);
            glEnableVertexAttribArray(0);
            glVertexAttribPointer(1, 2, GL_FLOAT, false, 16, 8);
            glEnableVertexAttribArray(1);
            glBindVertexArray(0);
            Gl.check("setting up the renderer");
        } catch (RuntimeException e) {
            closeResources(e);
            throw e;
        }
    }

    /**
     * An offscreen renderer on EGL without a window (Mesa llvmpipe where there is no GPU), no multisampling.
     *
     * @throws RenderUnavailableException with a one-line reason when EGL or OpenGL 3.3 core cannot start
     */
    public static FrameRenderer offscreen() {
        return offscreen(0);
    }

    /**
     * An offscreen renderer whose {@link #render(Frame, int, int)} targets use {@code samples} multisamples (0, 2, 4
     * or 8; 4 smooths edges at several times the cost on a CPU renderer).
     *
     * @throws RenderUnavailableException with a one-line reason when EGL or OpenGL 3.3 core cannot start
     */
    public static FrameRenderer offscreen(int samples) {
        Require.inRange(samples, 0, 16, "samples");
        return new FrameRenderer(EglContext.open(), samples);
    }

    /**
     * A renderer drawing with {@code context}, which it now owns (closed last by {@link #close()}); the context is
     * made current on the calling thread. The way a desktop window or another GL host shares the renderer.
     *
     * @throws VrException naming the GL call that failed while setting up
     */
    public static FrameRenderer on(RenderContext context, int samples) {
        Require.nonNull(context, "context");
        Require.inRange(samples, 0, 16, "samples");
        context.makeCurrent();
        return new FrameRenderer(context, samples);
    }

    /** The context this renderer draws with (its EGL handles bind an OpenXR session). */
    public RenderContext context() {
        return context;
    }

    /**
     * A target drawing into the existing 2D texture {@code texture} (e.g. an OpenXR swapchain image) of
     * {@code width} x {@code height}, with its own depth buffer; owned by the caller (close it before this renderer).
     */
    public TextureTarget textureTarget(int texture, int width, int height) {
        context.makeCurrent();
        return new TextureTarget(texture, width, height);
    }

    /** The OpenGL renderer and version, e.g. {@code llvmpipe (LLVM 15.0.6, 256 bits) | 4.5 (Core Profile) ...}. */
    public String driver() {
        return context.describe();
    }

    /** A new offscreen target owned by the caller (close it before this renderer). */
    public OffscreenTarget offscreenTarget(int width, int height, int samples) {
        context.makeCurrent();
        return new OffscreenTarget(width, height, samples);
    }

    /** Renders {@code frame} at {@code width} x {@code height} and returns it as an RGB image. */
    public BufferedImage render(Frame frame, int width, int height) {
        context.makeCurrent();
        if (cached == null || cached.width() != width || cached.height() != height) {
            if (cached != null) {
                cached.close();
                cached = null;
            }
            cached = new OffscreenTarget(width, height, samples);
        }
        render(frame, cached);
        return cached.read();
    }

    /** Renders a frame at the given camera: the form the app calls for one still image. */
    public BufferedImage render(Scene scene, Avatar avatar, AvatarState state, Captions captions, CameraPose camera,
            int width, int height) {
        return render(new Frame(scene, avatar, state, captions, camera, Optional.empty()), width, height);
    }

    /** Renders {@code frame} into {@code target}, seen from the frame's camera. */
    public void render(Frame frame, RenderTarget target) {
        Require.nonNull(frame, "frame");
        Require.nonNull(target, "target");
        render(frame, target, EyeView.of(frame.camera(), target.width(), target.height()));
    }

    /**
     * Renders {@code frame} into {@code target} seen through {@code eye} (one eye of a headset: its own view and
     * projection); the frame's camera is not used. Captions and the pause screen are drawn flat over the view.
     */
    public void render(Frame frame, RenderTarget target, EyeView eye) {
        Require.nonNull(frame, "frame");
        Require.nonNull(target, "target");
        Require.nonNull(eye, "eye");
        context.makeCurrent();
        target.begin();
        Scene scene = frame.scene();
        Rgb bg = scene.background();
        glClearColor((float) bg.r(), (float) bg.g(), (float) bg.b(), 1f);
        glClearDepth(1.0);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LEQUAL);
        glEnable(GL_CULL_FACE);
        glCullFace(GL_BACK);
        glDisable(GL_BLEND);

        Mat4 viewProj = eye.projection().times(eye.view());
        lit.use();
        viewProj.copyTo(mat4);
        glUniformMatrix4fv(lit.uniform("uViewProj"), false, mat4);
        KeyLight light = scene.keyLight();
        Vec3 dir = light.direction().normalized();
        glUniform3f(lit.uniform("uLightDir"), (float) dir.x(), (float) dir.y(), (float) dir.z());
        uniform3(lit.uniform("uLightColour"), light.colour());
        uniform3(lit.uniform("uAmbient"), scene.ambient());
        Vec3 at = eye.eye();
        glUniform3f(lit.uniform("uEye"), (float) at.x(), (float) at.y(), (float) at.z());
        for (Part p : sceneParts(scene)) {
            draw(p);
        }
        for (Prop prop : scene.props()) {
            drawModel(prop.model(), Mat4.translation(prop.position())
                    .times(Mat4.rotationY(Math.toRadians(prop.rotationYDegrees())))
                    .times(Mat4.scale(prop.scale(), prop.scale(), prop.scale())), Mat4.IDENTITY);
        }
        if (scene.characterModel().isPresent()) {
            drawCharacter(scene.characterModel().get(), frame.avatarState(), scene.characterPosition());
        } else {
            for (Part p : AvatarModel.parts(frame.avatar(), frame.avatarState(), scene.characterPosition())) {
                draw(p);
            }
        }
        Gl.check("drawing the scene and avatar");

        glDisable(GL_DEPTH_TEST);
        glDisable(GL_CULL_FACE);
        glEnable(GL_BLEND);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        overlay.use();
        glUniform2f(overlay.uniform("uScreen"), target.width(), target.height());
        glUniform1i(overlay.uniform("uAtlas"), 0);
        glActiveTexture(GL_TEXTURE0);
        atlas.bind();
        glBindVertexArray(overlayVao);
        glBindBuffer(GL_ARRAY_BUFFER, overlayVbo);
        if (frame.pause().isPresent()) {
            drawPause(frame.pause().get(), target.width(), target.height());
        } else if (frame.captions().visible()) {
            drawCaptions(frame.captions(), target.width(), target.height());
        }
        glBindVertexArray(0);
        Gl.check("drawing the overlay");
        target.end();
    }

    /** Writes {@code image} as a PNG, creating missing parent folders. */
    public static void writePng(BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new VrException("no PNG writer available for " + file);
            }
        } catch (IOException e) {
            throw new VrException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Part> sceneParts(Scene scene) {
        List<Part> parts = new ArrayList<>(scene.solids().size());
        for (Solid s : scene.solids()) {
            Mat4 model = Mat4.translation(s.centre()).times(Mat4.rotationY(Math.toRadians(s.yawDegrees())))
                    .times(Mat4.scale(s.size()));
            parts.add(new Part(s.name(), s.shape() == Solid.Shape.BOX ? Part.MeshKind.BOX : Part.MeshKind.CYLINDER,
                    model, s.colour(), 0.1));
        }
        return parts;
    }

    private void draw(Part p) {
        p.model().copyTo(mat4);
        p.model().normalMatrix(mat3);
        glUniformMatrix4fv(lit.uniform("uModel"), false, mat4);
        glUniformMatrix3fv(lit.uniform("uNormalMatrix"), false, mat3);
        uniform3(lit.uniform("uColour"), p.colour());
        glUniform1f(lit.uniform("uShine"), (float) p.shine());
        switch (p.mesh()) {
            case BOX -> box.draw();
            case CYLINDER -> cylinder.draw();
            case SPHERE -> sphere.draw();
        }
    }

    /** A character model at {@code feet}; its head subtree turns about the head node by the state's gaze. */
    private void drawCharacter(CharacterModel character, AvatarState state, Vec3 feet) {
        double s = character.scale();
        Mat4 root = Mat4.translation(feet).times(Mat4.rotationY(Math.toRadians(character.rotationYDegrees())))
                .times(Mat4.scale(s, s, s));
        Mat4 head = character.model().headPivot().map(pivot -> Mat4.translation(pivot)
                .times(Mat4.rotationY(Math.toRadians(state.headYaw() + state.eyeYaw())))
                .times(Mat4.rotationX(Math.toRadians(-(state.headPitch() + state.eyePitch()))))
                .times(Mat4.translation(pivot.times(-1)))).orElse(Mat4.IDENTITY);
        drawModel(character.model(), root, head);
    }

    /** Every piece of {@code model} placed by {@code model}; pieces of the head subtree also by {@code head} first. */
    private void drawModel(Model model, Mat4 place, Mat4 head) {
        Mat4 headed = place.times(head);
        for (Model.Piece piece : model.pieces()) {
            Mat4 m = piece.head() ? headed : place;
            m.copyTo(mat4);
            m.normalMatrix(mat3);
            glUniformMatrix4fv(lit.uniform("uModel"), false, mat4);
            glUniformMatrix3fv(lit.uniform("uNormalMatrix"), false, mat3);
            uniform3(lit.uniform("uColour"), piece.colour());
            glUniform1f(lit.uniform("uShine"), 0.1f);
            Mesh mesh = pieceMeshes.get(piece);
            if (mesh == null) {
                mesh = Mesh.of("model " + piece.name(), piece.vertices(), piece.indices());
                pieceMeshes.put(piece, mesh);
                resources.push(mesh);
            }
            mesh.draw();
        }
    }

    private void drawCaptions(Captions captions, int width, int height) {
        List<Caption> lines = captions.lines();
        if (lines.isEmpty()) {
            return;
        }
        lines = lines.subList(Math.max(0, lines.size() - Captions.MAX_LINES), lines.size());
        double px = Math.max(12, height / 24.0);
        double scale = px / GlyphAtlas.PIXELS;
        double rowH = atlas.lineHeight() * scale;
        double maxW = width * 0.84 / scale;
        double margin = height * 0.04;
        double padX = px * 0.6;
        double padY = px * 0.25;
        List<List<String>> blocks = new ArrayList<>();
        for (Caption c : lines) {
            blocks.add(wrap(c.speaker() + ": " + c.text(), maxW, MAX_ROWS_PER_CAPTION));
        }
        double y = height - margin;
        for (int b = blocks.size() - 1; b >= 0; b--) {
            List<String> rows = blocks.get(b);
            Caption c = lines.get(b);
            double blockH = rows.size() * rowH + 2 * padY;
            double textW = 0;
            for (String r : rows) {
                textW = Math.max(textW, atlas.width(r) * scale);
            }
            double x = (width - textW) / 2;
            y -= blockH;
            rect(x - padX, y, textW + 2 * padX, blockH, 0.05f, 0.06f, 0.08f, 0.7f);
            boolean client = c.side() == Caption.Side.CLIENT;
            Rgb label = client ? CLIENT_LABEL : CHARACTER_LABEL;
            Rgb text = client ? CLIENT_TEXT : CHARACTER_TEXT;
            String prefix = c.speaker() + ":";
            for (int r = 0; r < rows.size(); r++) {
                double rowX = (width - atlas.width(rows.get(r)) * scale) / 2;
                double rowY = y + padY + r * rowH;
                String row = rows.get(r);
                if (r == 0 && row.startsWith(prefix)) {
                    text(prefix, rowX, rowY, scale, label, 1f);
                    text(row.substring(prefix.length()), rowX + atlas.width(prefix) * scale, rowY, scale, text, 1f);
                } else {
                    text(row, rowX, rowY, scale, text, 1f);
                }
            }
            y -= px * 0.4;
        }
    }

    private void drawPause(String message, int width, int height) {
        rect(0, 0, width, height, (float) PAUSE_VEIL.r(), (float) PAUSE_VEIL.g(), (float) PAUSE_VEIL.b(), 0.72f);
        double px = Math.max(16, height / 14.0);
        double scale = px / GlyphAtlas.PIXELS;
        List<String> rows = wrap(message, width * 0.8 / scale, 4);
        double rowH = atlas.lineHeight() * scale;
        double y = height * 0.7 - rows.size() * rowH / 2;
        for (String row : rows) {
            text(row, (width - atlas.width(row) * scale) / 2, y, scale, PAUSE_TEXT, 0.95f);
            y += rowH;
        }
    }

    /** Splits {@code text} into rows no wider than {@code maxWidth} atlas pixels, at most {@code maxRows}. */
    private List<String> wrap(String text, double maxWidth, int maxRows) {
        List<String> rows = new ArrayList<>();
        StringBuilder row = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            String candidate = row.isEmpty() ? word : row + " " + word;
            if (atlas.width(candidate) <= maxWidth || row.isEmpty()) {
                row.setLength(0);
                row.append(candidate);
            } else {
                rows.add(row.toString());
                row.setLength(0);
                row.append(word);
            }
        }
        if (!row.isEmpty()) {
            rows.add(row.toString());
        }
        if (rows.size() > maxRows) {
            List<String> cut = new ArrayList<>(rows.subList(0, maxRows));
            cut.set(maxRows - 1, cut.get(maxRows - 1) + " \u2026");
            return cut;
        }
        return rows;
    }

    private void rect(double x, double y, double w, double h, float r, float g, float b, float a) {
        glUniform1i(overlay.uniform("uText"), 0);
        glUniform4f(overlay.uniform("uColour"), r, g, b, a);
        float[] v = new float[24];
        quad(v, 0, (float) x, (float) y, (float) (x + w), (float) (y + h), 0, 0, 0, 0);
        glBufferData(GL_ARRAY_BUFFER, v, GL_STREAM_DRAW);
        glDrawArrays(GL_TRIANGLES, 0, 6);
    }

    private void text(String s, double x, double y, double scale, Rgb colour, float alpha) {
        if (s.isEmpty()) {
            return;
        }
        glUniform1i(overlay.uniform("uText"), 1);
        glUniform4f(overlay.uniform("uColour"), (float) colour.r(), (float) colour.g(), (float) colour.b(), alpha);
        float[] v = new float[s.length() * 24];
        double pen = x;
        int pad = GlyphAtlas.pad();
        float aw = atlas.atlasWidth();
        float ah = atlas.atlasHeight();
        for (int i = 0; i < s.length(); i++) {
            GlyphAtlas.Glyph g = atlas.glyph(s.charAt(i));
            float x0 = (float) (pen - pad * scale);
            float y0 = (float) (y - pad * scale);
            quad(v, i * 24, x0, y0, (float) (x0 + g.w() * scale), (float) (y0 + g.h() * scale), g.x() / aw,
                    g.y() / ah, (g.x() + g.w()) / aw, (g.y() + g.h()) / ah);
            pen += g.advance() * scale;
        }
        glBufferData(GL_ARRAY_BUFFER, v, GL_STREAM_DRAW);
        glDrawArrays(GL_TRIANGLES, 0, s.length() * 6);
    }

    private static void quad(float[] v, int o, float x0, float y0, float x1, float y1, float u0, float v0, float u1,
            float v1) {
        float[] q = {x0, y0, u0, v0, x1, y0, u1, v0, x1, y1, u1, v1, x0, y0, u0, v0, x1, y1, u1, v1, x0, y1, u0, v1};
        System.arraycopy(q, 0, v, o, 24);
    }

    private static void uniform3(int location, Rgb c) {
        glUniform3f(location, (float) c.r(), (float) c.g(), (float) c.b());
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        context.makeCurrent();
        if (cached != null) {
            resources.push(cached);
            cached = null;
        }
        closeResources(null);
    }

    /** Closes every resource, newest first; the first failure is thrown after all were tried. */
    private void closeResources(RuntimeException primary) {
        RuntimeException failure = primary;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new VrException("closing the renderer failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null && failure != primary) {
            throw failure;
        }
    }
}
