package io.ferry.cli;

import io.ferry.Agent;
import io.ferry.Descriptor;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Memory;
import io.ferry.Transfer;
import io.ferry.TransferOp;
import io.ferry.poll.BackoffIdleStrategy;
import io.ferry.poll.IdleStrategy;
import io.ferry.remote.ObjectMetadata;
import io.ferry.remote.ObjectUpload;
import io.ferry.remote.RemoteBackend;
import io.ferry.remote.RemoteObject;
import io.ferry.settings.MemoryBudget;
import io.ferry.settings.Sizes;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code ferry put - s3://...}: standard input (or a FIFO) uploaded as it is read, in parts of the part
 * size with {@link #SLOTS} of them in flight, as {@code aws s3 cp -} does: no temporary copy, and the
 * upload runs while the producer writes. Input that ends within the first part goes in one PUT. A
 * failure or a signal aborts the upload, so that no parts stay in the bucket.
 *
 * <p>A thread of its own reads the input into the part buffers (a read of a pipe blocks, and the command's
 * thread drives the transfers); it is a daemon, so a read still blocked when the command ends does not
 * hold the process. Its buffers come from an automatic arena for the same reason: such a read may still
 * hold one.
 */
final class StreamUpload implements StopOnSignal.Stoppable {
    /** Parts read or in flight at once: memory is this many part sizes. */
    static final int SLOTS = 4;
    private static final Duration SIGNAL_CHECK = Duration.ofMillis(50);

    private final Agent agent;
    private final RemoteBackend objects;
    private final String location;
    private final long partSize;
    private final BlockingQueue<MemorySegment> free = new ArrayBlockingQueue<>(SLOTS);
    private final BlockingQueue<Filled> filled = new ArrayBlockingQueue<>(SLOTS);
    private final ArrayDeque<Part> inFlight = new ArrayDeque<>();
    private volatile boolean stopping;
    private volatile String outcome;
    private long sent;

    /** A buffer the reader filled: {@code length} bytes, the last ones of the input when {@code last}. */
    private record Filled(MemorySegment buffer, long length, boolean last, IOException failure) {
    }

    private record Part(MemorySegment buffer, long length, Transfer transfer) {
    }

    StreamUpload(Agent agent, RemoteBackend objects, String location, long partSize) {
        this.agent = agent;
        this.objects = objects;
        this.location = location;
        this.partSize = partSize;
    }

    /**
     * Uploads everything {@code input} gives until its end; returns the object's location and size.
     *
     * @param name the input for messages, such as {@code standard input}
     */
    Uploaded upload(ReadableByteChannel input, String name, ObjectMetadata metadata) {
        MemoryBudget.check("--part-size " + Sizes.format(partSize) + " x " + SLOTS + " parts read or in flight",
                SLOTS * partSize);
        Arena arena = Arena.ofAuto();
        for (int i = 0; i < SLOTS; i++) {
            free.add(Memory.allocate(arena, partSize));
        }
        Thread reader = Thread.ofPlatform().daemon().name("ferry-put-reader").start(() -> read(input));
        try {
            Filled first = next();
            return first.last() ? whole(first, metadata) : inParts(first, name, metadata);
        } finally {
            reader.interrupt();
        }
    }

    private Uploaded inParts(Filled first, String name, ObjectMetadata metadata) {
        ObjectUpload upload = objects.startUpload(location, metadata);
        try {
            parts(upload, first, name);
            String done = upload.complete();
            outcome = "the upload to " + done + " had completed";
            return new Uploaded(done, sent);
        } catch (FerryException e) {
            stopParts();
            FerryException reported = upload.abortAfter(e);
            outcome = reported == e ? "the upload to " + upload.location() + " was cancelled and aborted; nothing of it was written"
                    : "the upload to " + upload.location() + " was cancelled: " + reported.getMessage();
            throw reported;
        }
    }

    /** The object's location and size once uploaded. */
    record Uploaded(String location, long size) {
    }

    /** Input that ended within one part: one PUT (an empty object for an empty input). */
    private Uploaded whole(Filled input, ObjectMetadata metadata) {
        throwIfFailed(input);
        if (input.length() == 0) {
            return new Uploaded(objects.createEmpty(location, metadata).location(), 0);
        }
        RemoteObject object = objects.create(location, input.length(), metadata);
        Transfer put = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(input.buffer(), 0, input.length(), object, 0)));
        inFlight.add(new Part(input.buffer(), input.length(), put));
        put.post();
        try {
            IdleStrategy idle = new BackoffIdleStrategy();
            while (!inFlight.isEmpty()) {
                idle.idle(step(), agent.waiter());
            }
        } catch (RuntimeException e) {
            stopParts();
            outcome = "the upload to " + location + " was cancelled; nothing of it was written";
            throw e;
        }
        return new Uploaded(object.location(), sent);
    }

    /** Posts each buffer the reader filled as the next part, until the input ended and every part is in. */
    private void parts(ObjectUpload upload, Filled first, String name) {
        IdleStrategy idle = new BackoffIdleStrategy();
        Filled pending = first;
        boolean ended = false;
        while (!ended || !inFlight.isEmpty()) {
            int work = step();
            if (pending == null && !ended) {
                pending = filled.poll();
            }
            if (pending != null) {
                throwIfFailed(pending);
                ended = pending.last();
                if (pending.length() > 0) {
                    post(upload, pending, name);
                }
                pending = null;
                work++;
            }
            idle.idle(work, agent.waiter());
        }
    }

    private void post(ObjectUpload upload, Filled part, String name) {
        if (upload.partCount() == ObjectUpload.MAX_PARTS) {
            throw new FerryException(ErrorCode.OUT_OF_RANGE, name + " is longer than " + ObjectUpload.MAX_PARTS
                    + " parts of " + Units.binary(partSize) + " (" + Units.binary(ObjectUpload.MAX_PARTS * partSize)
                    + "), the most an S3 upload takes: give a larger --part-size");
        }
        RemoteObject target = upload.nextPart(part.length());
        Transfer transfer = agent.prepare(TransferOp.WRITE, List.of(Descriptor.of(part.buffer(), 0, part.length(), target, 0)));
        inFlight.add(new Part(part.buffer(), part.length(), transfer));
        transfer.post();
    }

    /** Polls the agent and reaps finished parts; a signal stops the upload with CANCELLED. */
    private int step() {
        if (stopping) {
            throw cancelled();
        }
        return agent.poll() + reap();
    }

    private FerryException cancelled() {
        return new FerryException(ErrorCode.CANCELLED, "the upload to " + location + " was cancelled");
    }

    /** Finished parts in order of posting: their buffers go back to the reader; a failure ends the upload. */
    private int reap() {
        int work = 0;
        while (!inFlight.isEmpty() && inFlight.peek().transfer().state().isComplete()) {
            Part part = inFlight.poll();
            try {
                part.transfer().status().throwCauseIfFailed();
            } finally {
                part.transfer().release();
            }
            sent += part.length();
            free.add(part.buffer());
            work++;
        }
        return work;
    }

    /** Cancels the parts in flight and waits for them, so that the abort finds none being written. */
    private void stopParts() {
        inFlight.forEach(part -> part.transfer().cancel());
        long deadline = System.nanoTime() + StopOnSignal.GRACE.toNanos();
        while (inFlight.stream().anyMatch(part -> !part.transfer().state().isComplete()) && System.nanoTime() < deadline) {
            agent.poll();
            agent.waiter().await(1_000_000L);
        }
        inFlight.forEach(part -> part.transfer().release());
        inFlight.clear();
    }

    /** The reader's next buffer; waits, but notices a signal. */
    private Filled next() {
        try {
            while (true) {
                Filled part = filled.poll(SIGNAL_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (part != null) {
                    return part;
                }
                if (stopping) {
                    throw cancelled();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.INTERRUPTED, "interrupted while reading the input");
        }
    }

    private static void throwIfFailed(Filled part) {
        if (part.failure() != null) {
            throw new FerryException(ErrorCode.IO_ERROR, "cannot read the input: " + part.failure().getMessage(), part.failure());
        }
    }

    /** The reader: fills each free buffer whole (but the last), until the input ends or fails. */
    private void read(ReadableByteChannel input) {
        try {
            while (true) {
                MemorySegment buffer = free.take();
                ByteBuffer bytes = buffer.asByteBuffer();
                boolean end = false;
                try {
                    while (bytes.hasRemaining() && !end) {
                        end = input.read(bytes) < 0;
                    }
                } catch (IOException e) {
                    filled.put(new Filled(buffer, bytes.position(), true, e));
                    return;
                }
                filled.put(new Filled(buffer, bytes.position(), end, null));
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // The upload ended (failed or stopped) before the input did.
        }
    }

    @Override
    public void cancel() {
        stopping = true;
    }

    @Override
    public String outcome() {
        String known = outcome;
        return known != null ? known : "the upload to " + location + " was cancelled";
    }

    @Override
    public String unfinished(Duration grace) {
        return "the upload to " + location + " did not stop within " + grace.toSeconds()
                + " s: parts of it may remain on the server";
    }
}
