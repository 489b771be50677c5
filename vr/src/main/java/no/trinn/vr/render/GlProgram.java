package no.trinn.vr.render;

import static org.lwjgl.opengl.GL33C.*;

import java.util.HashMap;
import java.util.Map;
import no.trinn.vr.VrException;

/** A linked GLSL program; compile and link logs become the exception message. */
final class GlProgram implements AutoCloseable {
    private final String name;
    private final int id;
    private final Map<String, Integer> uniforms = new HashMap<>();

    GlProgram(String name, String vertex, String fragment) {
        this.name = name;
        int vs = compile(name + " vertex shader", GL_VERTEX_SHADER, vertex);
        int fs;
        try {
            fs = compile(name + " fragment shader", GL_FRAGMENT_SHADER, fragment);
        } catch (RuntimeException e) {
            glDeleteShader(vs);
            throw e;
        }
        int program = Gl.created(glCreateProgram(), "glCreateProgram (" + name + ")");
        glAttachShader(program, vs);
        glAttachShader(program, fs);
        glLinkProgram(program);
        glDeleteShader(vs);
        glDeleteShader(fs);
        if (glGetProgrami(program, GL_LINK_STATUS) != GL_TRUE) {
            String log = glGetProgramInfoLog(program);
            glDeleteProgram(program);
            throw new VrException("linking the " + name + " program failed: " + log.strip());
        }
        Gl.check("linking the " + name + " program");
        this.id = program;
    }

    private static int compile(String what, int type, String source) {
        int shader = Gl.created(glCreateShader(type), "glCreateShader (" + what + ")");
        glShaderSource(shader, source);
        glCompileShader(shader);
        if (glGetShaderi(shader, GL_COMPILE_STATUS) != GL_TRUE) {
            String log = glGetShaderInfoLog(shader);
            glDeleteShader(shader);
            throw new VrException("compiling the " + what + " failed: " + log.strip());
        }
        return shader;
    }

    void use() {
        glUseProgram(id);
    }

    /** The location of uniform {@code uniform}; throws naming it when the program lacks it. */
    int uniform(String uniform) {
        return uniforms.computeIfAbsent(uniform, u -> {
            int location = glGetUniformLocation(id, u);
            if (location < 0) {
                throw new VrException("the " + name + " program has no uniform " + u);
            }
            return location;
        });
    }

    @Override
    public void close() {
        glDeleteProgram(id);
    }
}
