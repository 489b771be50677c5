package no.trinn.models.gguf;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import no.trinn.core.Require;

/**
 * What {@link GgufReader} found in the header of a GGUF file that passed its checks.
 *
 * @param path          the file
 * @param version       GGUF version (2 or 3)
 * @param fileSize      size of the file in bytes
 * @param architecture  value of {@code general.architecture}
 * @param name          value of {@code general.name}, if present
 * @param contextLength value of {@code <architecture>.context_length}, if present
 * @param chatTemplate  value of {@code tokenizer.chat_template}, if present
 * @param metadataCount number of metadata key/value pairs
 * @param tensorCount   number of tensors
 * @param dataStart     offset of the (aligned) tensor data section
 * @param dataEnd       end of the last tensor whose type the reader knows, or of the last tensor's offset otherwise;
 *                      never beyond {@code fileSize}
 */
public record GgufInfo(Path path, int version, long fileSize, String architecture, Optional<String> name,
                       OptionalLong contextLength, Optional<String> chatTemplate, long metadataCount,
                       long tensorCount, long dataStart, long dataEnd) {
    public GgufInfo {
        Require.nonNull(path, "path");
        Require.inRange(version, 2, 3, "version");
        Require.nonBlank(architecture, "architecture");
        Require.nonNull(name, "name");
        Require.nonNull(contextLength, "contextLength");
        Require.nonNull(chatTemplate, "chatTemplate");
        Require.inRange(dataStart, 0, fileSize, "dataStart");
        Require.inRange(dataEnd, dataStart, fileSize, "dataEnd");
    }
}
