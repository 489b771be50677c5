package no.trinn.models.llama;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import no.trinn.core.Require;
import no.trinn.models.ModelsException;
import no.trinn.models.gguf.GgufWriter;
import no.trinn.models.gguf.ModelShape;
import no.trinn.models.gguf.WeightType;

/**
 * Measures a GGUF chat model on this machine the way a session uses it, and prints the figures: load time; for a
 * first turn (character prompt and first client turn, nothing cached) and a follow-up turn (the prompt cache holds
 * the conversation so far), the prompt tokens (and how many llama.cpp evaluated), the time to the first streamed text
 * and to the first speakable sentence, generation speed; llama.cpp's own timings of the same generations beside the
 * project's, with their ratio (the project's overhead); and the process's peak resident memory. The conversation is
 * data ({@code bench-conversation.txt}); the follow-up turn's history holds an authored reply, which is put into the
 * prompt cache (unmeasured) before the follow-up, where a real model's own reply would already be.
 * <p>With random weights no sentence ever ends, so the time to the N-th piece of streamed text stands in for the first
 * speakable sentence; the report says which one it shows. {@code trinn bench llm} runs it on a given file or on a
 * random-weight model of a preset shape ({@link #randomModel}). llama.cpp writes its own log to stderr during the run
 * (that is where its timings come from).
 */
public final class LlamaBench {
    private static final long TURN_TIMEOUT_SECONDS = 600;

    private LlamaBench() {
    }

    /**
     * How to run the benchmark.
     *
     * @param threads        CPU threads for llama.cpp
     * @param contextSize    tokens of context
     * @param maxTokens      tokens generated per turn
     * @param sentenceTokens pieces of text that stand in for a spoken sentence when no sentence ends
     * @param seed           sampler seed
     */
    public record Options(int threads, int contextSize, int maxTokens, int sentenceTokens, int seed) {
        public Options {
            Require.inRange(threads, 1, 1024, "threads");
            Require.inRange(contextSize, 256, 1 << 20, "contextSize");
            Require.inRange(maxTokens, 2, 4096, "maxTokens");
            Require.inRange(sentenceTokens, 1, maxTokens, "sentenceTokens");
        }

        /** All processors, 2048 tokens of context, 48 tokens per turn, 12 pieces per stand-in sentence, seed 42. */
        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), 2048, 48, 12, 42);
        }
    }

    /**
     * The figures of one turn.
     *
     * @param label            "first turn" or "follow-up"
     * @param promptTokens     tokens in the whole prompt
     * @param llamaCpp         llama.cpp's timings of the turn, if it printed them
     * @param firstText        from the call to the first streamed text, as the project sees it
     * @param firstSentence    from the call to the first sentence end, or to the stand-in piece
     * @param sentenceStandIn  whether {@code firstSentence} is the stand-in (no sentence ended)
     * @param generatedTokens  tokens generated
     * @param total            from the call to the complete response
     */
    public record Turn(String label, int promptTokens, Optional<LlamaCppTimings> llamaCpp, Duration firstText,
                       Optional<Duration> firstSentence, boolean sentenceStandIn, int generatedTokens,
                       Duration total) {
        public Turn {
            Require.nonBlank(label, "label");
            Require.nonNull(llamaCpp, "llamaCpp");
            Require.nonNull(firstText, "firstText");
            Require.nonNull(firstSentence, "firstSentence");
            Require.nonNull(total, "total");
        }

        /** Generated tokens per second after the first text, as the project sees it. */
        public double generationTokensPerSecond() {
            double seconds = (total.toNanos() - firstText.toNanos()) / 1e9;
            return seconds > 0 ? generatedTokens / seconds : 0;
        }

        /** Project time over llama.cpp time (prompt evaluation plus generation) for the whole turn, if known. */
        public OptionalDouble overhead() {
            return llamaCpp.map(t -> {
                double ms = t.promptMillis() + t.generationMillis();
                return ms > 0 ? OptionalDouble.of(total.toNanos() / 1e6 / ms) : OptionalDouble.empty();
            }).orElse(OptionalDouble.empty());
        }

        /** Project time to first text over llama.cpp's prompt evaluation time, if known. */
        public OptionalDouble firstTextRatio() {
            return llamaCpp.map(t -> t.promptMillis() > 0
                    ? OptionalDouble.of(firstText.toNanos() / 1e6 / t.promptMillis())
                    : OptionalDouble.empty()).orElse(OptionalDouble.empty());
        }
    }

    /**
     * The figures of one run.
     *
     * @param model       the GGUF file
     * @param fileBytes   its size
     * @param description architecture and name from its header
     * @param threads     threads used
     * @param contextSize context allocated
     * @param open        from the call until the model was usable, as the project sees it
     * @param load        llama.cpp's load time (including its warm-up run)
     * @param first       the first turn
     * @param followUp    the follow-up turn
     * @param peakRssBytes peak resident memory of the process (VmHWM), if readable
     * @param machine     processors, CPU model and JDK of this machine
     * @param date        when it ran
     */
    public record Report(Path model, long fileBytes, String description, int threads, int contextSize,
                         Duration open, Duration load, Turn first, Turn followUp, Optional<Long> peakRssBytes,
                         String machine, LocalDate date) {
        public Report {
            Require.nonNull(model, "model");
            Require.nonNull(description, "description");
            Require.nonNull(open, "open");
            Require.nonNull(load, "load");
            Require.nonNull(first, "first");
            Require.nonNull(followUp, "followUp");
            Require.nonNull(peakRssBytes, "peakRssBytes");
            Require.nonNull(machine, "machine");
            Require.nonNull(date, "date");
        }

        /** Prints the figures as a small table, with the targets for a 0.5B Q4 model and whether they are met. */
        public void print(PrintWriter out) {
            out.printf(Locale.ROOT, "Model      %s (%s, %.0f MB)%n", model, description, fileBytes / 1e6);
            out.printf(Locale.ROOT, "Machine    %s; %d threads, context %d; %s%n", machine, threads, contextSize,
                    date);
            out.printf(Locale.ROOT, "Load       %.2f s (llama.cpp load and warm-up %.2f s)%n", seconds(open),
                    seconds(load));
            out.printf(Locale.ROOT, "%-34s %-22s %-22s%n", "", first.label(), followUp.label());
            row(out, "prompt tokens (evaluated)", t -> t.promptTokens() + t.llamaCpp()
                    .map(l -> " (" + l.promptTokens() + ")").orElse(""));
            row(out, "first text, project", t -> fmt(t.firstText()));
            row(out, "  llama.cpp prompt eval", t -> t.llamaCpp().map(l -> String.format(Locale.ROOT,
                    "%.2f s, %.0f tok/s", l.promptMillis() / 1000, l.promptTokensPerSecond())).orElse("n/a"));
            row(out, "  ratio", t -> ratio(t.firstTextRatio()));
            row(out, "first speakable sentence", t -> t.firstSentence().map(d -> fmt(d)
                    + (t.sentenceStandIn() ? " *" : "")).orElse("n/a"));
            row(out, "generation, project", t -> String.format(Locale.ROOT, "%.1f tok/s (%d tok)",
                    t.generationTokensPerSecond(), t.generatedTokens()));
            row(out, "  llama.cpp", t -> t.llamaCpp().map(l -> String.format(Locale.ROOT, "%.1f tok/s",
                    l.generationTokensPerSecond())).orElse("n/a"));
            row(out, "whole turn, project / llama.cpp", t -> ratio(t.overhead()));
            out.printf(Locale.ROOT, "Peak memory (VmHWM) %s%n",
                    peakRssBytes.map(b -> String.format(Locale.ROOT, "%.0f MB", b / 1e6)).orElse("n/a"));
            if (first.sentenceStandIn() || followUp.sentenceStandIn()) {
                out.println("* no sentence ended (random weights?): time to the streamed piece that stands in for"
                        + " a spoken sentence");
            }
            out.println("Targets (stated for a 0.5B Q4 model on a 2-core machine):");
            target(out, "follow-up first text < 0.8 s", followUp.firstText().toMillis() < 800);
            target(out, "follow-up first speakable sentence < 1.5 s",
                    followUp.firstSentence().map(d -> d.toMillis() < 1500).orElse(false));
            OptionalDouble overhead = followUp.overhead();
            target(out, "overhead < 5% (whole follow-up turn)", overhead.isPresent()
                    && overhead.getAsDouble() < 1.05);
            target(out, "peak memory < 1 GB", peakRssBytes.map(b -> b < 1_000_000_000L).orElse(false));
        }

        private void row(PrintWriter out, String name, Function<Turn, String> value) {
            out.printf(Locale.ROOT, "%-34s %-22s %-22s%n", name, value.apply(first), value.apply(followUp));
        }

        private static void target(PrintWriter out, String what, boolean met) {
            out.printf(Locale.ROOT, "  %-46s %s%n", what, met ? "met" : "NOT met");
        }

        private static String ratio(OptionalDouble r) {
            return r.isPresent() ? String.format(Locale.ROOT, "%.3f", r.getAsDouble()) : "n/a";
        }

        private static String fmt(Duration d) {
            return String.format(Locale.ROOT, "%.2f s", seconds(d));
        }

        private static double seconds(Duration d) {
            return d.toNanos() / 1e9;
        }
    }

    /**
     * Loads {@code model} (privately, with native timings) and plays the benchmark conversation.
     *
     * @throws ModelsException naming the file if it cannot be loaded or a turn fails
     */
    public static Report run(Path model, Options options) {
        List<ChatMessage> conversation = conversation();
        LlamaRuntime.Options runtimeOptions = new LlamaRuntime.Options(options.threads(), options.contextSize(), 512,
                false, true);
        long start = System.nanoTime();
        try (LlamaRuntime runtime = LlamaRuntime.open(model, runtimeOptions)) {
            Duration open = Duration.ofNanos(System.nanoTime() - start);
            LocalChatOptions chat = new LocalChatOptions(0.7, 0.9, 40, options.maxTokens(), 400, 8,
                    OptionalInt.of(options.seed()));
            LocalStreamingChatModel streaming = new LocalStreamingChatModel(runtime, chat);
            Turn first = turn(streaming, "first turn", conversation.subList(0, 2), options);
            syncCache(runtime, chat, conversation.subList(0, 3), options.seed());
            Turn followUp = turn(streaming, "follow-up", conversation, options);
            String description = runtime.info().architecture()
                    + runtime.info().name().map(n -> ", " + n).orElse("");
            long bytes = size(runtime.modelPath());
            return new Report(runtime.modelPath(), bytes, description, options.threads(), runtime.contextSize(),
                    open, runtime.loadTime(), first, followUp, peakRss(), machine(), LocalDate.now());
        }
    }

    /**
     * After its first turn a real model has its own reply in the prompt cache; a random model's reply differs from the
     * authored one the history holds, so that history is evaluated here, unmeasured, leaving the cache where a real
     * model's would be: the follow-up then evaluates only the new client turn and the template markers around it.
     */
    private static void syncCache(LlamaRuntime runtime, LocalChatOptions chat, List<ChatMessage> history, int seed) {
        String prompt = new ChatEngine(runtime, chat).prompt(history);
        runtime.model().generate(prompt, new Sampling(0, 1, 1, 0, 0, 1, List.of(), OptionalInt.of(seed)),
                Optional.empty(), () -> false, text -> { });
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Turn turn(LocalStreamingChatModel model, String label, List<ChatMessage> messages,
                             Options options) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        long[] firstText = {-1};
        long[] firstSentence = {-1};
        long[] standIn = {-1};
        int[] pieces = {0};
        StringBuilder text = new StringBuilder();
        long start = System.nanoTime();
        model.chat(ChatRequest.builder().messages(messages).build(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                long now = System.nanoTime();
                if (firstText[0] < 0) {
                    firstText[0] = now;
                }
                text.append(partial.text());
                pieces[0]++;
                if (standIn[0] < 0 && pieces[0] >= options.sentenceTokens()) {
                    standIn[0] = now;
                }
                if (firstSentence[0] < 0 && endsSentence(text)) {
                    firstSentence[0] = now;
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response;
        try {
            response = done.get(TURN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ModelsException("the benchmark's " + label + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            model.cancel();
            throw new ModelsException("the benchmark's " + label + " took more than " + TURN_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            model.cancel();
            throw new ModelsException("the benchmark was interrupted");
        }
        long end = System.nanoTime();
        GenerationTimings t = ((LocalChatResponseMetadata) response.metadata()).timings();
        boolean standing = firstSentence[0] < 0;
        long sentence = standing ? standIn[0] : firstSentence[0];
        return new Turn(label, t.promptTokens(), t.llamaCpp(),
                Duration.ofNanos((firstText[0] < 0 ? end : firstText[0]) - start),
                sentence < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(sentence - start)), standing,
                t.generatedTokens(), Duration.ofNanos(end - start));
    }

    /** Whether {@code text} holds a sentence end: '.', '!' or '?' after a word, followed by space or the end. */
    static boolean endsSentence(CharSequence text) {
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && Character.isLetter(text.charAt(i - 1))
                    && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                return true;
            }
        }
        return false;
    }

    /** The benchmark conversation: system, user, assistant, user. */
    static List<ChatMessage> conversation() {
        String data;
        try (InputStream in = LlamaBench.class.getResourceAsStream("bench-conversation.txt")) {
            if (in == null) {
                throw new ModelsException("the benchmark conversation bench-conversation.txt is missing");
            }
            data = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelsException("cannot read the benchmark conversation: " + e.getMessage(), e);
        }
        List<ChatMessage> messages = new ArrayList<>();
        String role = null;
        StringBuilder body = new StringBuilder();
        for (String line : data.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String head = colon > 0 ? line.substring(0, colon) : "";
            if (head.equals("system") || head.equals("user") || head.equals("assistant")) {
                add(messages, role, body);
                role = head;
                body.setLength(0);
                body.append(line.substring(colon + 1).strip());
            } else if (role != null && !line.isBlank()) {
                body.append(' ').append(line.strip());
            }
        }
        add(messages, role, body);
        if (messages.size() != 4) {
            throw new ModelsException("bench-conversation.txt must hold system, user, assistant and user entries");
        }
        return List.copyOf(messages);
    }

    private static void add(List<ChatMessage> messages, String role, StringBuilder body) {
        if (role == null) {
            return;
        }
        String t = body.toString();
        messages.add(switch (role) {
            case "system" -> SystemMessage.from(t);
            case "user" -> UserMessage.from(t);
            default -> AiMessage.from(t);
        });
    }

    /** Peak resident set size of this process from /proc/self/status (Linux). */
    static Optional<Long> peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).strip().split("\\s+");
                    return Optional.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Processors, CPU model (from /proc/cpuinfo) and JDK of this machine. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the CPU stays unknown
        }
        return Runtime.getRuntime().availableProcessors() + " CPUs, " + cpu + ", JDK "
                + System.getProperty("java.version");
    }

    /**
     * Writes a random-weight model of a preset shape ({@code PRESET[:F16|Q8_0|Q4_0]}, Q4_0 by default) to a new
     * temporary file, for measuring speed without real weights (speed does not depend on their values). The caller
     * deletes the file.
     *
     * @throws IllegalArgumentException naming the unknown preset or weight type
     */
    public static Path randomModel(String spec) {
        String[] parts = spec.split(":", 2);
        ModelShape shape = ModelShape.preset(parts[0]).orElseThrow(() -> new IllegalArgumentException(
                "unknown preset " + parts[0] + "; known: " + ModelShape.presets().stream().map(ModelShape::name)
                        .toList()));
        WeightType type;
        try {
            type = parts.length > 1 ? WeightType.valueOf(parts[1].toUpperCase(Locale.ROOT)) : WeightType.Q4_0;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown weight type " + parts[1] + "; known: "
                    + java.util.Arrays.toString(WeightType.values()), e);
        }
        try {
            Path file = Files.createTempFile("trinn-bench-" + shape.name() + "-", ".gguf");
            return GgufWriter.write(file, shape, type, 1);
        } catch (IOException e) {
            throw new ModelsException("cannot create a temporary model file: " + e.getMessage(), e);
        }
    }
}
