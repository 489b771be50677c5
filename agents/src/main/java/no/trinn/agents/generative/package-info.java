/**
 * The generative dialogue engine: characters driven by a language model (local llama.cpp or an OpenAI-compatible
 * server) that stay inside their scenario. {@link no.trinn.agents.generative.GenerativeEngine} does the work;
 * {@link no.trinn.agents.generative.GenerativeChatModel} and
 * {@link no.trinn.agents.generative.GenerativeStreamingChatModel} put it behind LangChain4j's interfaces;
 * {@link no.trinn.agents.generative.CharacterPrompt} renders the prompt from data files;
 * {@link no.trinn.agents.generative.GuardRails} checks every generated sentence and every client attempt to pull the
 * character out of its role; {@link no.trinn.agents.generative.GenerativeEngines} builds engines for the command line.
 * The data files ({@code prompt-*.yaml}, {@code guard-*.yaml}, {@code lines-*.yaml}, {@code reply-format.yaml}) lie
 * beside these classes on the classpath.
 */
package no.trinn.agents.generative;
