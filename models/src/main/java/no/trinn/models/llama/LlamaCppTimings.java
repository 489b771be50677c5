package no.trinn.models.llama;

import no.trinn.core.Require;

/**
 * llama.cpp's own account of one generation, as its server code prints it when a reply ends: how many prompt tokens it
 * evaluated (tokens reused from the prompt cache are not evaluated again) and how long that took, and how many tokens
 * it generated and how long that took. Absent for a generation that was cancelled (llama.cpp prints nothing then).
 *
 * @param promptTokens     prompt tokens evaluated
 * @param promptMillis     milliseconds spent evaluating them (llama.cpp's time to the first token)
 * @param generatedTokens  tokens generated
 * @param generationMillis milliseconds spent generating after the first token
 */
public record LlamaCppTimings(int promptTokens, double promptMillis, int generatedTokens, double generationMillis) {
    public LlamaCppTimings {
        Require.inRange(promptTokens, 0, Integer.MAX_VALUE, "promptTokens");
        Require.inRange(promptMillis, 0, Double.MAX_VALUE, "promptMillis");
        Require.inRange(generatedTokens, 0, Integer.MAX_VALUE, "generatedTokens");
        Require.inRange(generationMillis, 0, Double.MAX_VALUE, "generationMillis");
    }

    /** Prompt tokens evaluated per second; 0 when nothing was evaluated. */
    public double promptTokensPerSecond() {
        return promptMillis > 0 ? promptTokens * 1000.0 / promptMillis : 0;
    }

    /** Generated tokens per second; 0 when the generation took no measurable time. */
    public double generationTokensPerSecond() {
        return generationMillis > 0 ? generatedTokens * 1000.0 / generationMillis : 0;
    }
}
