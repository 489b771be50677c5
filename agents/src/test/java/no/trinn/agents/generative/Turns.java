package no.trinn.agents.generative;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.trinn.agents.TestScenarios;
import no.trinn.agents.dialogue.CharacterReply;
import no.trinn.agents.dialogue.CharacterReplyMetadata;
import no.trinn.agents.dialogue.TurnContext;
import no.trinn.agents.dialogue.TurnRequestParameters;
import no.trinn.scenarios.Scenario;

/** Requests and a streaming collector for the generative engine's tests. */
final class Turns {
    private Turns() {
    }

    static TurnContext context(String state) {
        return context(TestScenarios.kiosk(), state, TestScenarios.easy());
    }

    static TurnContext context(Scenario scenario, String state, Map<String, Double> behaviour) {
        return new TurnContext(scenario, state, behaviour, List.of(), Optional.empty(), 0);
    }

    /** A client turn in the kiosk at {@code state}, after the opening line. */
    static ChatRequest request(String state, String clientText) {
        return request(context(state), clientText);
    }

    static ChatRequest request(TurnContext ctx, String clientText) {
        return ChatRequest.builder()
                .messages(SystemMessage.from(ctx.scenario().setting()), AiMessage.from("Hello! What can I get you?"),
                        UserMessage.from(clientText))
                .parameters(TurnRequestParameters.of(ctx)).build();
    }

    static CharacterReply reply(ChatResponse response) {
        return CharacterReplyMetadata.from(response).orElseThrow();
    }
}
