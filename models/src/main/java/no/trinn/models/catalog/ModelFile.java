package no.trinn.models.catalog;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import no.trinn.core.Require;

/**
 * One file of a catalogued model: where to download it and how to install it into the model's folder.
 *
 * <p>Without an archive the download is installed as the file {@code name}. With an archive and a {@code member},
 * that one member is taken out of it and installed as the file {@code name}; with an archive and no member, the
 * whole archive is unpacked into the folder {@code name}, dropping {@code strip} leading folders from each path.
 * Downloaded archives are deleted once installed.
 *
 * @param name the file (or, for an unpacked archive, folder) name inside the model's folder: letters, digits,
 *     {@code . _ + -}, not starting with a dot
 * @param url where to download from; http or https
 * @param checksum the size and SHA-256 of the downloaded bytes, checked while downloading; empty when they are not
 *     known, and then the download is recorded but cannot be checked
 * @param archive the archive format of the download, if it is one
 * @param member with an archive: the path inside it of the one file to install
 * @param memberChecksum with a member: the size and SHA-256 of the extracted file, checked too
 * @param strip with an unpacked archive: how many leading folders to drop from each entry's path; else 0
 */
public record ModelFile(String name, URI url, Optional<Checksum> checksum, Optional<ArchiveType> archive,
        Optional<String> member, Optional<Checksum> memberChecksum, int strip) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,199}");

    public ModelFile {
        Require.nonNull(name, "name");
        if (!NAME.matcher(name).matches() || name.endsWith(".part") || name.equals(ModelCache.MANIFEST)) {
            throw new IllegalArgumentException("name must be a plain file name (letters, digits, . _ + -; not "
                    + "starting with a dot, not ending in .part, not " + ModelCache.MANIFEST + "), was '" + name
                    + "'");
        }
        Require.nonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an absolute http or https URL, was '" + url + "'");
        }
        Require.nonNull(checksum, "checksum");
        Require.nonNull(archive, "archive");
        Require.nonNull(member, "member");
        Require.nonNull(memberChecksum, "memberChecksum");
        if (member.isPresent()) {
            if (archive.isEmpty()) {
                throw new IllegalArgumentException("member needs an archive type");
            }
            if (!safeRelative(member.get())) {
                throw new IllegalArgumentException("member must be a relative path inside the archive without '..', "
                        + "was '" + member.get() + "'");
            }
        }
        if (memberChecksum.isPresent() && member.isEmpty()) {
            throw new IllegalArgumentException("memberChecksum needs a member");
        }
        Require.inRange(strip, 0, 16, "strip");
        if (strip > 0 && (archive.isEmpty() || member.isPresent())) {
            throw new IllegalArgumentException("strip applies only to an archive that is unpacked whole (no member)");
        }
    }

    /** A plain file: downloaded and installed as it is. */
    public static ModelFile plain(String name, URI url, Optional<Checksum> checksum) {
        return new ModelFile(name, url, checksum, Optional.empty(), Optional.empty(), Optional.empty(), 0);
    }

    /** Whether the size and SHA-256 of the download are known, so that the download can be checked. */
    public boolean verified() {
        return checksum.isPresent();
    }

    /** Whether the download is an archive to unpack whole into the folder {@link #name()}. */
    public boolean unpacked() {
        return archive.isPresent() && member.isEmpty();
    }

    /** The name of the partial download in the staging folder while it is being downloaded. */
    public String partName() {
        return archive.map(a -> name + "." + a.id()).orElse(name) + ".part";
    }

    /** Whether {@code path} is relative, uses '/', and has no empty, '.' or '..' segment. */
    static boolean safeRelative(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\0")) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
