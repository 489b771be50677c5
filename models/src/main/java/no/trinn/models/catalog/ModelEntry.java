package no.trinn.models.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import no.trinn.core.Require;

/**
 * One model of the catalog: what it is, its licence, and the files to fetch for it.
 *
 * @param id the model's id: lower-case letters, digits, {@code . _ -}, starting with a letter or digit, at most 100
 * @param kind what the model does
 * @param name what a person calls it
 * @param licence the licence of the weights
 * @param goodFor what the model is good for in Trinn
 * @param languages language tags such as {@code en} or {@code en-US}, or the single tag {@code any}; not empty
 * @param parameters chat models: the parameter count as written, e.g. {@code 0.49B} or {@code 360M}; empty for
 *     other kinds
 * @param quantisation chat models: the quantisation, e.g. {@code Q4_K_M}; empty for other kinds
 * @param files the files to fetch, at least one, with distinct names
 */
public record ModelEntry(String id, ModelKind kind, String name, String licence, String goodFor,
        List<String> languages, Optional<String> parameters, Optional<String> quantisation, List<ModelFile> files) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern LANGUAGE = Pattern.compile("any|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern PARAMETERS = Pattern.compile("[0-9]+(\\.[0-9]+)?[MB]");
    private static final Pattern QUANTISATION = Pattern.compile("[A-Za-z0-9_]{1,20}");

    public ModelEntry {
        requireId(id, "id");
        Require.nonNull(kind, "kind");
        Require.nonBlank(name, "name");
        Require.nonBlank(licence, "licence");
        Require.nonBlank(goodFor, "goodFor");
        languages = List.copyOf(Require.nonEmpty(languages, "languages"));
        for (String language : languages) {
            if (!LANGUAGE.matcher(language).matches()) {
                throw new IllegalArgumentException("languages: '" + language + "' is not a language tag such as en "
                        + "or en-US, nor 'any'");
            }
        }
        if (languages.contains("any") && languages.size() > 1) {
            throw new IllegalArgumentException("languages: 'any' must be the only tag");
        }
        Require.nonNull(parameters, "parameters");
        Require.nonNull(quantisation, "quantisation");
        if (kind == ModelKind.CHAT) {
            if (parameters.isEmpty() || !PARAMETERS.matcher(parameters.get()).matches()) {
                throw new IllegalArgumentException("parameters: a chat model needs its parameter count such as 0.49B "
                        + "or 360M" + parameters.map(p -> ", was '" + p + "'").orElse(""));
            }
            if (quantisation.isEmpty() || !QUANTISATION.matcher(quantisation.get()).matches()) {
                throw new IllegalArgumentException("quantisation: a chat model needs its quantisation such as Q4_K_M"
                        + quantisation.map(q -> ", was '" + q + "'").orElse(""));
            }
        } else if (parameters.isPresent() || quantisation.isPresent()) {
            throw new IllegalArgumentException((parameters.isPresent() ? "parameters" : "quantisation")
                    + ": only chat models have a parameter count and quantisation");
        }
        files = List.copyOf(Require.nonEmpty(files, "files"));
        Set<String> names = new HashSet<>();
        for (ModelFile file : files) {
            if (!names.add(file.name())) {
                throw new IllegalArgumentException("files: the name '" + file.name() + "' is used twice");
            }
        }
    }

    /** Whether the size and SHA-256 of every file are known, so the whole download can be checked. */
    public boolean verified() {
        return files.stream().allMatch(ModelFile::verified);
    }

    /** The total number of bytes to download, when every file's size is known. */
    public Optional<Long> downloadSize() {
        return verified() ? Optional.of(files.stream().mapToLong(f -> f.checksum().orElseThrow().size()).sum())
                : Optional.empty();
    }

    /** Whether {@code id} is a well-formed model id. */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static String requireId(String id, String field) {
        Require.nonNull(id, field);
        if (!validId(id)) {
            throw new IllegalArgumentException(field + " must be lower-case letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit, at most 100 characters; was '" + id + "'");
        }
        return id;
    }
}
