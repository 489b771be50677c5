package no.trinn.agents.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.trinn.agents.AgentException;
import no.trinn.agents.YamlResource;

/** Reads and keeps the simulation's data files: the archetypes and the client words per language. */
final class SimulationData {
    static final String ARCHETYPES = "archetypes.yaml";
    private static final Map<String, ClientWords> WORDS = new ConcurrentHashMap<>();
    private static volatile List<ClientProfile> archetypes;

    private SimulationData() {
    }

    static List<ClientProfile> archetypes() {
        List<ClientProfile> read = archetypes;
        if (read == null) {
            read = readArchetypes();
            archetypes = read;
        }
        return read;
    }

    /** The client words of {@code language}; English for a language without a file. */
    static ClientWords words(String language) {
        String lang = SimulationData.class.getResource("client-" + language + ".yaml") != null ? language : "en";
        return WORDS.computeIfAbsent(lang, SimulationData::readWords);
    }

    private static ClientWords readWords(String language) {
        String file = "client-" + language + ".yaml";
        JsonNode root = YamlResource.tree(SimulationData.class, file);
        try {
            return new ClientWords(language, YamlResource.strings(root, "hesitations", file),
                    YamlResource.strings(root, "fillers", file), YamlResource.strings(root, "offTopic", file));
        } catch (IllegalArgumentException e) {
            throw new AgentException(file + ": " + e.getMessage(), e);
        }
    }

    private static List<ClientProfile> readArchetypes() {
        JsonNode root = YamlResource.tree(SimulationData.class, ARCHETYPES);
        List<ClientProfile> out = new ArrayList<>();
        JsonNode list = root.path("archetypes");
        if (!list.isArray() || list.isEmpty()) {
            throw new AgentException(ARCHETYPES + ": field 'archetypes' must be a non-empty list");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode a = list.get(i);
            String at = ARCHETYPES + ": archetypes[" + i + "]";
            try {
                JsonNode levels = a.path("levels");
                if (!levels.isArray()) {
                    throw new IllegalArgumentException("levels: must be a list of 4 numbers");
                }
                List<Double> lv = new ArrayList<>();
                levels.forEach(n -> lv.add(number(n, "levels")));
                JsonNode s = a.path("style");
                ClientProfile.Style style = new ClientProfile.Style(number(s, "meanResponseMillis"),
                        number(s, "sdResponseMillis"), number(s, "verbosity"), number(s, "errorRate"),
                        number(s, "offTopicRate"), number(s, "silenceRate"), number(s, "repairRate"),
                        number(s, "hesitationRate"));
                JsonNode w = a.path("sensitivity");
                ClientProfile.Sensitivity sensitivity = w.isMissingNode() ? ClientProfile.Sensitivity.typical()
                        : new ClientProfile.Sensitivity(number(w, "complexity"), number(w, "pressure"),
                                number(w, "coldness"), number(w, "impatience"), number(w, "speechRate"));
                out.add(new ClientProfile(a.path("name").asText(""), lv, style, sensitivity,
                        number(a, "learningRate")));
            } catch (IllegalArgumentException e) {
                throw new AgentException(at + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    private static double number(JsonNode parent, String field) {
        JsonNode n = parent.isNumber() ? parent : parent.path(field);
        if (!n.isNumber()) {
            throw new IllegalArgumentException(field + ": must be a number");
        }
        return n.asDouble();
    }
}
