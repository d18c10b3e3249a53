package io.ferry.bench;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.nvmf.host.NvmeAddress;
import io.ferry.remote.RemoteSettings;
import io.ferry.settings.MemoryBudget;
import io.ferry.settings.Sizes;

/**
 * The rules that tie the values of a {@link BenchConfig} together, checked when its builder freezes
 * them: what each backend accepts, I/Os in flight, block sizes against the size, the memory budget and
 * direct I/O alignment. A broken rule is {@link ErrorCode#INVALID_ARGUMENT} with a message naming it.
 */
final class BenchConfigRules {
    private BenchConfigRules() {
    }

    static void check(BenchConfig config) {
        if (config.isRemote()) {
            checkRemote(config);
        } else if (config.isNvme()) {
            checkNvme(config);
        } else {
            require(config.location() == null, "the file backend reads and writes files: give a path, not the URL "
                    + SecretFreeUrl.of(config.location()));
        }
        long fileSizeBytes = config.fileSizeBytes();
        int ioDepth = config.ioDepth();
        for (int batchSize : config.batchSizes()) {
            long iosInFlight = (long) ioDepth * batchSize;
            require(iosInFlight <= BenchConfig.MAX_IOS_IN_FLIGHT, "iodepth " + ioDepth + " x batch size " + batchSize
                    + " = " + iosInFlight + " I/Os in flight exceeds " + BenchConfig.MAX_IOS_IN_FLIGHT
                    + ", the largest QUEUE_DEPTH");
            for (long blockSize : config.blockSizes()) {
                // A remote size of 0 is the whole object, checked once BenchRunner.resolve knows its size.
                require(fileSizeBytes == 0 || blockSize <= fileSizeBytes / batchSize, "block size " + blockSize
                        + " B x batch size " + batchSize + " exceeds the size of " + fileSizeBytes + " B");
                checkMemory(ioDepth, blockSize, batchSize);
            }
        }
        for (long blockSize : config.blockSizes()) {
            require(!config.direct() || blockSize % BenchConfig.DIRECT_ALIGNMENT_BYTES == 0, "block size " + blockSize
                    + " B is not a multiple of " + BenchConfig.DIRECT_ALIGNMENT_BYTES + " B: with direct I/O, unaligned "
                    + "parts would go through the page cache and the row would not measure direct I/O");
        }
    }

    /** The buffers of a row, iodepth x batch size x block size, must fit in the memory budget. */
    private static void checkMemory(int ioDepth, long blockSize, int batchSize) {
        try {
            long bytes = Math.multiplyExact(blockSize, (long) ioDepth * batchSize);
            MemoryBudget.check("iodepth " + ioDepth + " x batch size " + batchSize + " x block size "
                    + Sizes.format(blockSize), bytes);
        } catch (ArithmeticException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "iodepth " + ioDepth + " x batch size " + batchSize
                    + " x block size " + blockSize + " overflows", e);
        } catch (FerryException e) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
    }

    /**
     * The remote backend reads one object: it needs the URL, and refuses writes (a benchmark must
     * never overwrite a remote object by accident) and what only a local file has.
     */
    private static void checkRemote(BenchConfig config) {
        String location = config.location();
        require(location != null && !location.isBlank(), "the remote backend needs the object's URL (http://, "
                + "https:// or s3://): --filename URL");
        require(config.filename() == null, "the remote backend reads a URL, not the path " + config.filename());
        for (BenchOp op : config.operations()) {
            require(!op.writes(), "the remote backend only reads: --rw " + op.fioName()
                    + " would overwrite " + SecretFreeUrl.of(location) + "; use read or randread");
        }
        require(!config.direct(), "direct I/O is a file option: the remote backend has no page cache to bypass");
        // An invalid FERRY_REMOTE_ENGINE fails now rather than in the first row.
        config.settings().get(RemoteSettings.REMOTE_ENGINE);
    }

    /**
     * The NVMe backend measures one namespace: it needs the address, and writes only with
     * --allow-overwrite (a namespace holds someone's data); there is no page cache nor pattern file.
     */
    private static void checkNvme(BenchConfig config) {
        String location = config.location();
        require(location != null && !location.isBlank(), "the nvme backend needs the namespace's address: "
                + "--filename nvme+tcp://HOST:PORT/SUBNQN/NSID");
        require(config.filename() == null, "the nvme backend reads a namespace address, not the path " + config.filename());
        NvmeAddress address = NvmeAddress.parse(location);
        require(address.nsid() != 0, "the nvme backend needs a namespace: " + location + " names no NSID");
        for (BenchOp op : config.operations()) {
            require(!op.writes() || config.allowOverwrite(), "--rw " + op.fioName() + " would overwrite "
                    + "namespace " + location + "; add --allow-overwrite to let the benchmark write over it");
        }
        require(!config.direct(), "direct I/O is a file option: the nvme backend has no page cache to bypass");
        require(!config.verify(), "--verify is for files: the nvme backend does not write a pattern to check");
    }

    /** Refuses a value (or a combination) that breaks a rule, with the message naming it. */
    static void require(boolean condition, String message) {
        if (!condition) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, message);
        }
    }
}
