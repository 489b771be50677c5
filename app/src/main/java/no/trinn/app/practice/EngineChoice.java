package no.trinn.app.practice;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import no.trinn.agents.generative.GenerativeOptions;
import no.trinn.core.Require;

/**
 * The dialogue engine a text session talks to, as the command line resolved and checked it: the scripted engine, a
 * local GGUF chat model run by llama.cpp, or an OpenAI-compatible inference server. {@link TextEngines} makes the
 * engine; equal choices share one engine in a process. Immutable; no API key is ever part of {@link #toString()} or
 * {@link #describe()}.
 */
public sealed interface EngineChoice {
    /** The kinds of engine, as {@code --engine} and {@code engine:} in the configuration file name them. */
    enum Kind {
        /** Authored lines, intents matched with sentence embeddings; needs no download. */
        SCRIPTED,
        /** A local GGUF chat model through llama.cpp. */
        LOCAL,
        /** An OpenAI-compatible inference server. */
        SERVER;

        /** The name users write, e.g. {@code local}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named {@code id} (case-insensitive, surrounding blanks ignored), if there is one. */
        public static Optional<Kind> parse(String id) {
            Require.nonNull(id, "id");
            String wanted = id.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(k -> k.id().equals(wanted)).findFirst();
        }

        /** Every id, for messages: {@code scripted, local or server}. */
        public static String ids() {
            String all = Arrays.stream(values()).map(Kind::id).collect(Collectors.joining(", "));
            int last = all.lastIndexOf(", ");
            return all.substring(0, last) + " or " + all.substring(last + 2);
        }
    }

    /** The kind of engine. */
    Kind kind();

    /** What the session header shows after {@code Engine: }, e.g. {@code local qwen2.5-0.5b-instruct-q4 (...)}. */
    String describe();

    /** The scripted engine, the default. */
    record Scripted() implements EngineChoice {
        @Override
        public Kind kind() {
            return Kind.SCRIPTED;
        }

        @Override
        public String describe() {
            return "scripted (authored lines)";
        }
    }

    /**
     * A local GGUF chat model.
     *
     * @param model what the user named: a model id of the cache, or the path as given
     * @param gguf the checked GGUF file, absolute
     * @param threads CPU threads llama.cpp uses
     * @param options how the generative engine behaves
     */
    record Local(String model, Path gguf, int threads, GenerativeOptions options) implements EngineChoice {
        public Local {
            Require.nonBlank(model, "model");
            gguf = Require.nonNull(gguf, "gguf").toAbsolutePath().normalize();
            Require.inRange(threads, 1, 1024, "threads");
            Require.nonNull(options, "options");
        }

        @Override
        public Kind kind() {
            return Kind.LOCAL;
        }

        @Override
        public String describe() {
            return "local " + model + " (llama.cpp, " + threads + (threads == 1 ? " thread)" : " threads)")
                    + latency(options);
        }
    }

    /**
     * An OpenAI-compatible inference server.
     *
     * @param url the API's base URL, e.g. {@code http://localhost:11434/v1}
     * @param model the model name the server knows
     * @param apiKey the key sent as a bearer token, if the server wants one; never shown
     * @param options how the generative engine behaves
     */
    record Server(String url, String model, Optional<String> apiKey, GenerativeOptions options)
            implements EngineChoice {
        public Server {
            Require.nonBlank(url, "url");
            Require.nonBlank(model, "model");
            Require.nonNull(apiKey, "apiKey");
            Require.nonNull(options, "options");
        }

        @Override
        public Kind kind() {
            return Kind.SERVER;
        }

        @Override
        public String describe() {
            return "server " + url + ", model " + model + latency(options);
        }

        @Override
        public String toString() {
            return "Server[url=" + url + ", model=" + model + ", apiKey=" + (apiKey.isPresent() ? "(set)" : "(none)")
                    + ", options=" + options + "]";
        }
    }

    /** {@code ; hybrid: the scripted line after 1500 ms} in hybrid mode, else nothing. */
    private static String latency(GenerativeOptions options) {
        return options.latencyMode() == GenerativeOptions.LatencyMode.HYBRID
                ? "; hybrid: the scripted line after " + options.latencyBudget().toMillis() + " ms" : "";
    }
}
