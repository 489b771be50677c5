package no.trinn.models.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.trinn.core.Require;
import no.trinn.models.ModelsException;

/**
 * The folder where models are kept (default {@code ~/.trinn/models}), each model in its own folder named by its id
 * with a record of its files ({@value #MANIFEST}: size and SHA-256 of each). A model's folder appears whole or not
 * at all: it is assembled in {@code .staging/} and moved into place in one step, and partial downloads wait there
 * to be resumed. Folders without a record are not models and are left alone. Nothing is created until something is
 * installed. Installing a model takes a lock on its id, so two processes cannot install the same model at once.
 */
public final class ModelCache {
    /** The file name of the record of an installed model inside its folder. */
    public static final String MANIFEST = "trinn-model.json";
    /** The folder inside the cache where downloads and installations are prepared. */
    static final String STAGING = ".staging";

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,199}");

    private final Path root;

    /** How {@link #add(Path, Optional, AddMode)} brings a file into the cache. */
    public enum AddMode {
        /** Copy the file into the model's folder; the original can then be deleted. */
        COPY,
        /** Put a symbolic link to the file into the model's folder; the file must stay where it is. */
        LINK
    }

    /** A cache in the folder {@code root} (made absolute); the folder need not exist yet. */
    public ModelCache(Path root) {
        this.root = Require.nonNull(root, "root").toAbsolutePath().normalize();
    }

    /** {@code ~/.trinn/models}. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("user.home"), ".trinn", "models");
    }

    /** The cache's folder. */
    public Path root() {
        return root;
    }

    /**
     * The folder where the model {@code id} is (or would be) installed.
     *
     * @throws ModelInputException if {@code id} is not a well-formed model id
     */
    public Path folder(String id) {
        if (!ModelEntry.validId(id)) {
            throw new ModelInputException("'" + id + "' is not a valid model id: use lower-case letters, digits, "
                    + "'.', '_' and '-', starting with a letter or digit, at most 100 characters");
        }
        return root.resolve(id);
    }

    /**
     * Every installed model, by id.
     *
     * @throws ModelsException if the cache folder cannot be listed or a model's record is damaged (naming it)
     */
    public List<InstalledModel> installed() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<InstalledModel> models = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root)) {
            for (Path folder : folders) {
                String name = folder.getFileName().toString();
                if (ModelEntry.validId(name) && Files.isRegularFile(folder.resolve(MANIFEST))) {
                    models.add(Manifest.read(folder));
                }
            }
        } catch (IOException e) {
            throw new ModelsException("cannot list the model cache " + root + ": " + e, e);
        }
        models.sort(Comparator.comparing(InstalledModel::id));
        return List.copyOf(models);
    }

    /** The installed model {@code id}, if it is installed. */
    public Optional<InstalledModel> installed(String id) {
        Path folder = folder(id);
        if (!Files.isRegularFile(folder.resolve(MANIFEST))) {
            return Optional.empty();
        }
        return Optional.of(Manifest.read(folder));
    }

    /** Checks every file of every installed model; see {@link #verify(Consumer)}. */
    public List<FileCheck> verify() {
        return verify(check -> {
        });
    }

    /**
     * Recomputes the size and SHA-256 of every file of every installed model and compares them with the record
     * made when it was installed. Each result is also given to {@code each} as soon as it is known (hashing large
     * models takes a while).
     */
    public List<FileCheck> verify(Consumer<FileCheck> each) {
        Require.nonNull(each, "each");
        List<FileCheck> all = new ArrayList<>();
        for (InstalledModel model : installed()) {
            all.addAll(verify(model, each));
        }
        return List.copyOf(all);
    }

    /** Checks every file of {@code model}; each result is also given to {@code each}. */
    public List<FileCheck> verify(InstalledModel model, Consumer<FileCheck> each) {
        Require.nonNull(model, "model");
        Require.nonNull(each, "each");
        List<FileCheck> checks = new ArrayList<>();
        for (InstalledFile file : model.files()) {
            FileCheck check = check(model, file);
            checks.add(check);
            each.accept(check);
        }
        return List.copyOf(checks);
    }

    private static FileCheck check(InstalledModel model, InstalledFile file) {
        Path path = model.path(file);
        if (!Files.isRegularFile(path)) {
            return new FileCheck(model.id(), file, path, FileCheck.Status.MISSING, "");
        }
        try {
            long size = Files.size(path);
            if (size != file.size()) {
                return new FileCheck(model.id(), file, path, FileCheck.Status.MISMATCH,
                        "size " + size + " bytes, recorded " + file.size());
            }
            String sha = Hashing.of(path);
            if (!sha.equals(file.sha256())) {
                return new FileCheck(model.id(), file, path, FileCheck.Status.MISMATCH,
                        "SHA-256 " + sha + ", recorded " + file.sha256());
            }
            return new FileCheck(model.id(), file, path, FileCheck.Status.OK, "");
        } catch (NoSuchFileException e) {
            return new FileCheck(model.id(), file, path, FileCheck.Status.MISSING, "");
        } catch (IOException e) {
            return new FileCheck(model.id(), file, path, FileCheck.Status.MISSING, "cannot be read: " + e);
        }
    }

    /** Adds the GGUF file {@code gguf} by copying it, with an id made from its file name. */
    public InstalledModel add(Path gguf) {
        return add(gguf, Optional.empty(), AddMode.COPY);
    }

    /**
     * Registers a GGUF chat model the user already has: checks that it starts like a GGUF file of a version
     * llama.cpp reads, computes its SHA-256, and copies or links it into a new model folder.
     *
     * @param gguf the file
     * @param id the model's id; by default made from the file name (lower case, without {@code .gguf})
     * @param mode copy the file, or link to it
     * @throws ModelInputException if the file is missing, not a GGUF model, the id is malformed, or a model with the
     *     id is already installed
     * @throws ModelsException if the file cannot be copied or linked (the message names the paths)
     */
    @SuppressWarnings("try") // the lock is held for the body of the try, not used in it
    public InstalledModel add(Path gguf, Optional<String> id, AddMode mode) {
        Require.nonNull(gguf, "gguf");
        Require.nonNull(id, "id");
        Require.nonNull(mode, "mode");
        Path file = gguf.toAbsolutePath().normalize();
        if (!Files.exists(file)) {
            throw new ModelInputException("no file " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelInputException(file + " is not a file");
        }
        try {
            GgufHeader.check(file);
        } catch (IOException e) {
            throw new ModelInputException("cannot read " + file + ": " + e, e);
        }
        String modelId = id.orElseGet(() -> idFromFileName(file));
        Path target = folder(modelId);
        String name = file.getFileName().toString();
        if (!SAFE_NAME.matcher(name).matches() || name.equals(MANIFEST)) {
            name = modelId + ".gguf";
        }
        try (Lock lock = lock(modelId)) {
            if (Files.exists(target)) {
                throw new ModelInputException("a model '" + modelId + "' is already installed in " + target
                        + "; give another id with --id");
            }
            Path staging = staging(modelId);
            Path install = freshFolder(staging.resolve("install"));
            Path placed = install.resolve(name);
            String sha;
            long size;
            if (mode == AddMode.LINK) {
                try {
                    Files.createSymbolicLink(placed, file);
                } catch (UnsupportedOperationException | IOException e) {
                    throw new ModelsException("cannot link " + placed + " to " + file + " (" + e
                            + "); add the model with a copy instead", e);
                }
                size = Files.size(file);
                sha = Hashing.of(file);
            } else {
                MessageDigest digest = Hashing.sha256();
                size = copy(file, placed, digest);
                sha = Hashing.hex(digest);
            }
            InstalledModel model = new InstalledModel(modelId, ModelKind.CHAT,
                    (mode == AddMode.LINK ? "linked to " : "added from ") + file, Instant.now(), target,
                    List.of(new InstalledFile(name, size, sha, false)));
            commit(model, install);
            deleteTree(staging);
            return model;
        } catch (IOException e) {
            throw new ModelsException("cannot add " + file + " to the model cache as '" + modelId + "': "
                    + (Hashing.diskFull(e) ? "the disk is full (" + e.getMessage() + ")" : e.toString()), e);
        }
    }

    private static long copy(Path from, Path to, MessageDigest digest) throws IOException {
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(from);
                OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return size;
    }

    /** The id made from a file name: lower case, without the extension, other characters replaced by '-'. */
    static String idFromFileName(Path file) {
        String base = file.getFileName().toString();
        if (base.toLowerCase(java.util.Locale.ROOT).endsWith(".gguf")) {
            base = base.substring(0, base.length() - 5);
        }
        String id = base.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^[._-]+|[._-]+$", "");
        if (id.length() > 100) {
            id = id.substring(0, 100);
        }
        if (!ModelEntry.validId(id)) {
            throw new ModelInputException("cannot make a model id from the file name " + file.getFileName()
                    + "; give one with --id");
        }
        return id;
    }

    /** The staging folder of model {@code id} (created): partial downloads and the folder being assembled. */
    Path staging(String id) throws IOException {
        return Files.createDirectories(root.resolve(STAGING).resolve(ModelEntry.requireId(id, "id")));
    }

    /** An empty folder at {@code folder}, deleting whatever was there. */
    static Path freshFolder(Path folder) throws IOException {
        deleteTree(folder);
        return Files.createDirectories(folder);
    }

    /**
     * Writes the record of {@code model} into {@code assembled} and moves that folder into place as the model's
     * folder in one step.
     *
     * @throws ModelInputException if the model's folder exists already
     */
    void commit(InstalledModel model, Path assembled) throws IOException {
        Path target = folder(model.id());
        if (!model.folder().equals(target)) {
            throw new IllegalArgumentException("the model's folder must be " + target + ", was " + model.folder());
        }
        if (Files.exists(target)) {
            throw new ModelInputException("the folder " + target + " exists already; move it away or delete it, then "
                    + "install '" + model.id() + "' again");
        }
        Manifest.write(assembled, model);
        try {
            Files.move(assembled, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(assembled, target);
        }
    }

    /** A held lock on installing model {@code id}; released by {@link Lock#close()}. */
    Lock lock(String id) throws IOException {
        Path file = Files.createDirectories(root.resolve(STAGING)).resolve(id + ".lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (held == null) {
            channel.close();
            throw new ModelsException("the model '" + id + "' is being installed by another Trinn command right now "
                    + "(lock " + file + "); wait for it to finish");
        }
        return new Lock(channel, held);
    }

    /** A lock on one model id in this cache. */
    static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /** Deletes {@code path} and everything below it, not following links; nothing if it does not exist. */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } else {
            Files.deleteIfExists(path);
        }
    }
}
