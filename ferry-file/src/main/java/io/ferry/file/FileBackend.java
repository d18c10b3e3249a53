package io.ferry.file;

import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Registration;
import io.ferry.Target;
import io.ferry.TransferOp;
import io.ferry.internal.linux.LibC;
import io.ferry.internal.Errno;
import io.ferry.settings.CoreSettings;
import io.ferry.settings.MemoryBudget;
import io.ferry.settings.Settings;
import io.ferry.settings.Sizes;
import io.ferry.spi.Backend;
import io.ferry.spi.BackendFactory;
import io.ferry.poll.Component;
import io.ferry.spi.BackendTransfer;
import io.ferry.spi.BounceBufferPool;
import io.ferry.spi.IoEngine;
import io.ferry.spi.IoEngineRegistry;
import io.ferry.spi.IoQueue;
import io.ferry.spi.RegisteredIo;
import io.ferry.spi.TransferProgress;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Local files through one {@link IoEngine}. The backend splits descriptors into I/Os of at most
 * {@link FileSettings#MAX_IO_SIZE}, keeps {@link FileSettings#QUEUE_DEPTH} of them outstanding per
 * shard, continues short transfers, retries EINTR and EAGAIN, serves heap and unaligned memory
 * through bounce buffers and names the descriptor of every failure. With
 * {@link FileSettings#FILE_SHARDS} above one, the I/Os of each transfer are spread over shards that
 * different threads poll.
 *
 * <p>Writing memory to a new file:
 * <pre>{@code
 * FileBackend files = agent.attach(FileBackend.factory());  // engine: FileSettings.FILE_ENGINE
 * FileTarget out = files.open(Path.of("out.bin"), OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.TRUNCATE);
 * try (Transfer write = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(memory, out, 0)))) {
 *     write.post();
 *     write.await().throwIfFailed();
 * }
 * out.sync();                                                // fsync, when it must survive a crash
 * }</pre>
 */
public final class FileBackend implements Backend {
    /** The backend's name, {@value}, as {@link #name()} returns it. */
    public static final String NAME = "file";

    private final IoEngine engine;
    private final int maxIoSize;
    private final int maxTransfersInFlight;
    private final FileShard[] shards;
    private final List<Component> components;
    private final AtomicInteger rotation = new AtomicInteger();
    private final Set<FileTarget> targets = ConcurrentHashMap.newKeySet();
    /** Registrations of native memory, which the shards' engines may pre-register. */
    private final Set<Registration> registrations = ConcurrentHashMap.newKeySet();

    private FileBackend(Settings settings, IoEngineRegistry engines) {
        long maxIo = settings.get(FileSettings.MAX_IO_SIZE);
        long bounceSize = settings.get(CoreSettings.BOUNCE_BUFFER_SIZE);
        if (maxIo > bounceSize) {
            throw FileSettings.MAX_IO_SIZE.invalid(maxIo, "must not exceed BOUNCE_BUFFER_SIZE (" + bounceSize + ")");
        }
        this.engine = engines.require(settings.get(FileSettings.FILE_ENGINE));
        this.maxIoSize = (int) maxIo;
        this.maxTransfersInFlight = settings.get(CoreSettings.MAX_TRANSFERS_IN_FLIGHT);
        int depth = settings.get(FileSettings.QUEUE_DEPTH);
        int bounceCount = settings.get(CoreSettings.BOUNCE_BUFFER_COUNT);
        int retryLimit = settings.get(FileSettings.IO_RETRY_LIMIT);
        shards = new FileShard[settings.get(FileSettings.FILE_SHARDS)];
        MemoryBudget.check("FILE_SHARDS " + shards.length + " x BOUNCE_BUFFER_COUNT " + bounceCount
                + " x BOUNCE_BUFFER_SIZE " + Sizes.format(bounceSize), (long) shards.length * bounceCount * bounceSize);
        for (int i = 0; i < shards.length; i++) {
            IoQueue queue = engine.open(depth, settings);
            shards[i] = new FileShard(i, queue, new BounceBufferPool(bounceCount, (int) bounceSize),
                    maxTransfersInFlight, retryLimit);
        }
        components = List.of(shards);
    }

    /** A factory with the built-in engines ({@link FileEngines#builtins()}). */
    public static BackendFactory<FileBackend> factory() {
        return factory(FileEngines.builtins());
    }

    /** A factory that picks the engine named by {@link FileSettings#FILE_ENGINE} from {@code engines}. */
    public static BackendFactory<FileBackend> factory(IoEngineRegistry engines) {
        Objects.requireNonNull(engines, "engines");
        return context -> new FileBackend(context.settings(), engines);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The engine this backend uses. */
    public IoEngine engine() {
        return engine;
    }

    /** Opens a file; see {@link OpenFlag}. */
    public FileTarget open(Path path, OpenFlag... flags) {
        Objects.requireNonNull(path, "path");
        Set<OpenFlag> set = flags.length == 0 ? EnumSet.noneOf(OpenFlag.class) : EnumSet.of(flags[0], flags);
        boolean write = set.contains(OpenFlag.WRITE);
        boolean read = set.contains(OpenFlag.READ) || !write;
        Path absolute = path.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, absolute + " is a directory");
        }
        int mode = read && write ? LibC.O_RDWR : write ? LibC.O_WRONLY : LibC.O_RDONLY;
        mode |= LibC.O_CLOEXEC;
        mode |= set.contains(OpenFlag.CREATE) ? LibC.O_CREAT : 0;
        mode |= set.contains(OpenFlag.TRUNCATE) ? LibC.O_TRUNC : 0;
        boolean direct = set.contains(OpenFlag.DIRECT) || set.contains(OpenFlag.DIRECT_IF_SUPPORTED);
        int fd = open(absolute, direct ? mode | LibC.O_DIRECT : mode);
        if (fd == -Errno.EINVAL && direct && !set.contains(OpenFlag.DIRECT)) {
            direct = false;
            fd = open(absolute, mode);
        }
        if (fd < 0) {
            throw openFailure(absolute, fd, direct);
        }
        int bufferedFd = direct ? open(absolute, mode & ~(LibC.O_CREAT | LibC.O_TRUNC)) : fd;
        if (bufferedFd < 0) {
            closeQuietly(fd);
            throw openFailure(absolute, bufferedFd, false);
        }
        FileTarget target = new FileTarget(this, absolute, fd, bufferedFd, read, write, direct);
        for (FileShard shard : shards) {
            shard.fileOpened(target);
        }
        targets.add(target);
        return target;
    }

    /** A descriptor, or -errno. */
    private static int open(Path path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return LibC.open(LibC.newErrnoState(arena), path.toString(), flags, 0644);
        }
    }

    private static FerryException openFailure(Path path, int result, boolean direct) {
        if (-result == Errno.EINVAL && direct) {
            return new FerryException(ErrorCode.INVALID_ARGUMENT, "open(" + path
                    + ") with O_DIRECT failed: the file system does not support direct I/O", -result, null);
        }
        return Errno.failure("open", path.toString(), -result);
    }

    private static void closeQuietly(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            LibC.close(LibC.newErrnoState(arena), fd);
        }
    }

    /**
     * The target is closing: every shard's engine lets go of the file (io_uring's registered file
     * table keeps the file itself open), and the last one closes the descriptors. Until then the
     * descriptor numbers stay taken, so no new file can be opened under a number an engine still
     * maps to the old one.
     */
    void forget(FileTarget target) {
        targets.remove(target);
        LastShard closer = new LastShard(shards.length, target::closeDescriptors);
        for (FileShard shard : shards) {
            shard.fileClosing(target, closer);
        }
    }

    /** Every shard's engine may register the memory (io_uring fixed buffers), as buffer number {@code id}. */
    @Override
    public void memoryRegistered(Registration registration) {
        if (!registration.memory().isNative()) {
            return;
        }
        registrations.add(registration);
        for (FileShard shard : shards) {
            shard.bufferRegistered(registration);
        }
    }

    /**
     * Every shard's engine lets go of the memory on the shard's thread, as it does of a closing file;
     * the last one runs {@code released}.
     */
    @Override
    public void memoryDeregistering(Registration registration, Runnable released) {
        if (!registrations.remove(registration)) {
            released.run();
            return;
        }
        LastShard releaser = new LastShard(shards.length, released);
        for (FileShard shard : shards) {
            shard.bufferDeregistering(registration, releaser);
        }
    }

    /** The id of the registration that holds {@code memory}, which names it as an engine buffer; -1 if none. */
    int bufferOf(MemorySegment memory) {
        for (Registration registration : registrations) {
            if (registration.contains(memory)) {
                return registration.id();
            }
        }
        return -1;
    }

    @Override
    public boolean owns(Target target) {
        return target instanceof FileTarget file && file.backend() == this;
    }

    @Override
    public BackendTransfer prepare(TransferOp op, List<Descriptor> descriptors, TransferProgress progress) {
        for (int i = 0; i < descriptors.size(); i++) {
            Descriptor d = descriptors.get(i);
            FileTarget target = (FileTarget) d.target();
            if (op == TransferOp.READ && !target.isReadable()) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "descriptor " + i + ": " + target.describe()
                        + " was not opened for reading");
            }
            if (op == TransferOp.WRITE && !target.isWritable()) {
                throw new FerryException(ErrorCode.INVALID_ARGUMENT, "descriptor " + i + ": " + target.describe()
                        + " was not opened for writing");
            }
            if (maxIoSize < Direct.splitAlignment(target)) {
                throw FileSettings.MAX_IO_SIZE.invalid(maxIoSize, "must be at least " + Direct.splitAlignment(target)
                        + ", the page-rounded direct-I/O alignment of " + target.describe());
            }
        }
        int opcode = op == TransferOp.READ ? IoQueue.READ : IoQueue.WRITE;
        return new FilePlan(this, opcode, descriptors, progress, maxIoSize);
    }

    /**
     * How the I/Os of every shard used registered buffers and files (io_uring's fixed buffers and
     * registered files) and how many fell back, since the backend was attached; nothing for engines
     * without registration. Read it on the thread that drives the agent, or after the transfers
     * concerned completed (their completion publishes the counts).
     */
    public RegisteredIo registeredIo() {
        RegisteredIo sum = RegisteredIo.NONE;
        for (FileShard shard : shards) {
            sum = sum.plus(shard.registeredIo());
        }
        return sum;
    }

    int shardCount() {
        return shards.length;
    }

    /** The shard that takes the first chunk of the next post: round robin over the shards. */
    int nextFirstShard() {
        return Math.floorMod(rotation.getAndIncrement(), shards.length);
    }

    /** Wakes every shard's poll group, so that a cancellation is seen at once. */
    void wakeShards() {
        for (FileShard shard : shards) {
            shard.wakeUp();
        }
    }

    void dispatch(FilePlan plan) {
        for (FileShard shard : shards) {
            shard.offer(plan);
        }
    }

    @Override
    public List<Component> components() {
        return components;
    }

    /**
     * Closes every file still open; each shard lets go of them, and closes its engine queue, when
     * its poll group closes it. Called once no transfer is in flight ({@link io.ferry.Agent#close()}
     * cancels and awaits them first: the kernel may still be writing into the bounce buffers).
     */
    @Override
    public void close() {
        for (FileTarget target : List.copyOf(targets)) {
            target.close();
        }
    }
}
