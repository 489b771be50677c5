package no.trinn.models.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.trinn.core.Require;
import no.trinn.core.Similarity;

/**
 * The list of models Trinn knows how to fetch, read from a YAML data file (the shipped one is
 * {@code no/trinn/models/catalog.yaml}; a clinic may use its own, e.g. pointing at a local mirror). Loading
 * validates every entry and reports every problem at once in a {@link CatalogException}, each naming the catalog,
 * the entry and the field. Ids are unique. Immutable and thread-safe.
 */
public final class ModelCatalog {
    /** The class-path resource of the shipped catalog. */
    public static final String RESOURCE = "no/trinn/models/catalog.yaml";

    private static final Set<String> ROOT_KEYS = Set.of("version", "models");
    private static final Set<String> ENTRY_KEYS = Set.of("id", "kind", "name", "parameters", "quantisation",
            "licence", "good-for", "languages", "files");
    private static final Set<String> FILE_KEYS = Set.of("name", "url", "size", "sha256", "verified", "archive",
            "member", "member-size", "member-sha256", "strip");

    private final String source;
    private final List<ModelEntry> entries;
    private final Map<String, ModelEntry> byId;

    /**
     * A catalog of {@code entries} read from {@code source} (a file name or description, for messages).
     *
     * @throws CatalogException if two entries share an id
     */
    public ModelCatalog(String source, List<ModelEntry> entries) {
        this.source = Require.nonBlank(source, "source");
        this.entries = List.copyOf(Require.nonNull(entries, "entries"));
        Map<String, ModelEntry> map = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ModelEntry e : this.entries) {
            if (map.putIfAbsent(e.id(), e) != null) {
                problems.add(source + ": entry '" + e.id() + "': id: used by an earlier entry too");
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(source, problems);
        }
        this.byId = Map.copyOf(map);
    }

    /** The catalog shipped with Trinn. */
    public static ModelCatalog shipped() {
        try (InputStream in = ModelCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CatalogException(RESOURCE, "the shipped model catalog is missing from the class path", null);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new CatalogException(RESOURCE, "cannot read the shipped model catalog: " + e.getMessage(), e);
        }
    }

    /** Reads the catalog file {@code file}. */
    public static ModelCatalog load(Path file) {
        Require.nonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CatalogException(file.toString(), "cannot read the model catalog: " + e, e);
        }
        return parse(text, file.toString());
    }

    /** Parses catalog YAML {@code text}; {@code source} names it in messages. */
    public static ModelCatalog parse(String text, String source) {
        Require.nonNull(text, "text");
        Require.nonBlank(source, "source");
        JsonNode root;
        try {
            YAMLMapper mapper = new YAMLMapper(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new CatalogException(source, "not valid YAML: " + e.getOriginalMessage()
                    + Optional.ofNullable(e.getLocation()).map(l -> " (line " + l.getLineNr() + ")").orElse(""), e);
        }
        List<String> problems = new ArrayList<>();
        List<ModelEntry> entries = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new CatalogException(source, List.of(source + ": the catalog must be a mapping with 'version' and "
                    + "'models'"));
        }
        unknownKeys(root, ROOT_KEYS, source + ": ", problems);
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() != 1) {
            problems.add(source + ": version: must be 1" + (version == null ? "" : ", was " + version));
        }
        JsonNode models = root.get("models");
        if (models == null || !models.isArray()) {
            problems.add(source + ": models: must be a list of entries");
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < models.size(); i++) {
                readEntry(models.get(i), i, source, problems, ids).ifPresent(entries::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(source, problems);
        }
        return new ModelCatalog(source, entries);
    }

    /** Where this catalog was read from. */
    public String source() {
        return source;
    }

    /** Every entry, in file order. */
    public List<ModelEntry> entries() {
        return entries;
    }

    /** The entry with {@code id}, if any. */
    public Optional<ModelEntry> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The entry with {@code id}.
     *
     * @throws ModelInputException if there is none; the message names the id and the closest known ids
     */
    public ModelEntry require(String id) {
        Require.nonNull(id, "id");
        return find(id).orElseThrow(() -> {
            List<String> close = suggestions(id);
            return new ModelInputException("unknown model '" + id + "'"
                    + (close.isEmpty() ? "" : "; did you mean: " + String.join(", ", close) + "?")
                    + " ('trinn models list' shows every model)");
        });
    }

    /** Up to three known ids closest to {@code id}, as {@link Similarity#closestIds} finds them. */
    public List<String> suggestions(String id) {
        Require.nonNull(id, "id");
        return Similarity.closestIds(id, entries.stream().map(ModelEntry::id).toList(), 3);
    }

    private static Optional<ModelEntry> readEntry(JsonNode node, int index, String source, List<String> problems,
            Set<String> ids) {
        String where = source + ": models[" + index + "]: ";
        if (node == null || !node.isObject()) {
            problems.add(where + "must be a mapping with id, kind, name, ...");
            return Optional.empty();
        }
        JsonNode idNode = node.get("id");
        if (idNode != null && idNode.isTextual()) {
            where = source + ": entry '" + idNode.textValue() + "': ";
            if (!ids.add(idNode.textValue())) {
                problems.add(where + "id: used by an earlier entry too");
            }
        }
        int before = problems.size();
        unknownKeys(node, ENTRY_KEYS, where, problems);
        Optional<String> id = text(node, "id", true, where, problems);
        Optional<String> kindText = text(node, "kind", true, where, problems);
        Optional<ModelKind> kind = kindText.flatMap(ModelKind::parse);
        if (kindText.isPresent() && kind.isEmpty()) {
            problems.add(where + "kind: must be one of " + ModelKind.ids() + ", was '" + kindText.get() + "'");
        }
        Optional<String> name = text(node, "name", true, where, problems);
        Optional<String> parameters = text(node, "parameters", false, where, problems);
        Optional<String> quantisation = text(node, "quantisation", false, where, problems);
        Optional<String> licence = text(node, "licence", true, where, problems);
        Optional<String> goodFor = text(node, "good-for", true, where, problems);
        List<String> languages = new ArrayList<>();
        JsonNode langs = node.get("languages");
        if (langs == null || !langs.isArray() || langs.isEmpty()) {
            problems.add(where + "languages: must be a list of language tags such as [en, en-US], or [any]");
        } else {
            for (int i = 0; i < langs.size(); i++) {
                JsonNode l = langs.get(i);
                if (l.isTextual()) {
                    languages.add(l.textValue());
                } else {
                    problems.add(where + "languages[" + i + "]: must be a language tag (quote it), was " + l);
                }
            }
        }
        List<ModelFile> files = new ArrayList<>();
        JsonNode fileNodes = node.get("files");
        if (fileNodes == null || !fileNodes.isArray() || fileNodes.isEmpty()) {
            problems.add(where + "files: must be a list of at least one file");
        } else {
            for (int i = 0; i < fileNodes.size(); i++) {
                readFile(fileNodes.get(i), where + "files[" + i + "]", problems).ifPresent(files::add);
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ModelEntry(id.orElseThrow(), kind.orElseThrow(), name.orElseThrow(),
                    licence.orElseThrow(), goodFor.orElseThrow(), languages, parameters, quantisation, files));
        } catch (IllegalArgumentException e) {
            problems.add(where + fieldName(e.getMessage()));
            return Optional.empty();
        }
    }

    private static Optional<ModelFile> readFile(JsonNode node, String where, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(where + ": must be a mapping with name, url, and size and sha256 (or verified: false)");
            return Optional.empty();
        }
        String prefix = where + ".";
        int before = problems.size();
        unknownKeys(node, FILE_KEYS, prefix, problems);
        Optional<String> name = text(node, "name", true, prefix, problems);
        Optional<URI> url = text(node, "url", true, prefix, problems).flatMap(u -> {
            try {
                return Optional.of(new URI(u));
            } catch (URISyntaxException e) {
                problems.add(prefix + "url: not a valid URL: " + e.getMessage());
                return Optional.empty();
            }
        });
        Optional<Checksum> checksum = Optional.empty();
        JsonNode verified = node.get("verified");
        boolean given = node.has("size") || node.has("sha256");
        if (verified != null && !verified.isBoolean()) {
            problems.add(prefix + "verified: must be true or false, was " + verified);
        } else if (verified != null && !verified.booleanValue()) {
            if (given) {
                problems.add(prefix + "verified: false means size and sha256 are not known: leave them out");
            }
        } else if (!given) {
            problems.add(prefix + "sha256: give size and sha256 computed from the real file, or 'verified: false' "
                    + "when they are not known");
        } else {
            checksum = checksum(node, "size", "sha256", prefix, problems);
        }
        Optional<String> archiveText = text(node, "archive", false, prefix, problems);
        Optional<ArchiveType> archive = archiveText.flatMap(ArchiveType::parse);
        if (archiveText.isPresent() && archive.isEmpty()) {
            problems.add(prefix + "archive: must be tgz or zip, was '" + archiveText.get() + "'");
        }
        Optional<String> member = text(node, "member", false, prefix, problems);
        Optional<Checksum> memberChecksum = checksum(node, "member-size", "member-sha256", prefix, problems);
        int strip = 0;
        JsonNode stripNode = node.get("strip");
        if (stripNode != null) {
            if (stripNode.isInt()) {
                strip = stripNode.intValue();
            } else {
                problems.add(prefix + "strip: must be a whole number, was " + stripNode);
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ModelFile(name.orElseThrow(), url.orElseThrow(), checksum, archive, member,
                    memberChecksum, strip));
        } catch (IllegalArgumentException e) {
            problems.add(prefix + fieldName(e.getMessage()));
            return Optional.empty();
        }
    }

    /** A checksum from the keys {@code sizeKey} and {@code shaKey}: both or neither must be given. */
    private static Optional<Checksum> checksum(JsonNode node, String sizeKey, String shaKey, String prefix,
            List<String> problems) {
        JsonNode size = node.get(sizeKey);
        JsonNode sha = node.get(shaKey);
        if (size == null && sha == null) {
            return Optional.empty();
        }
        if (size == null || sha == null) {
            problems.add(prefix + (size == null ? sizeKey : shaKey) + ": missing; give both " + sizeKey + " and "
                    + shaKey + " or neither");
            return Optional.empty();
        }
        boolean ok = true;
        if (!size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
            problems.add(prefix + sizeKey + ": must be a byte count (a whole number, at least 0), was " + size);
            ok = false;
        }
        if (!sha.isTextual() || !Checksum.isSha256(sha.textValue())) {
            problems.add(prefix + shaKey + ": must be 64 hexadecimal digits in quotes, was " + sha);
            ok = false;
        }
        return ok ? Optional.of(new Checksum(size.longValue(), sha.textValue())) : Optional.empty();
    }

    private static Optional<String> text(JsonNode node, String key, boolean required, String prefix,
            List<String> problems) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(prefix + key + ": missing");
            }
            return Optional.empty();
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            problems.add(prefix + key + ": must be text (quote it if needed), was " + value);
            return Optional.empty();
        }
        return Optional.of(value.textValue().strip());
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String prefix, List<String> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(prefix + key + ": unknown field; known fields are "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    /** A record's message ("sha256 must ...") as "sha256: must ...", naming the field first. */
    private static String fieldName(String message) {
        int space = message.indexOf(' ');
        if (space > 0 && message.charAt(space - 1) != ':') {
            return message.substring(0, space) + ":" + message.substring(space);
        }
        return message;
    }

}
