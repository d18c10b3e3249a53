package io.ferry.internal.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A C library function called through the one downcall shape all of them share here: six
 * {@code long} arguments and a {@code long} result, errno captured. Java's linker builds the stub and
 * spins classes once per shape, not per function (with 19 shapes, one per prototype, a 1 MiB
 * {@code get} spent 0.1 s more CPU and took 55 ms longer; docs/design/native-calls.md), and on the 64-bit Linux
 * ABIs this is the same call as the exact prototype: arguments go in registers (or stack slots) of
 * 64 bits each, an {@code int} argument widened with its sign as the C caller does, unused trailing
 * arguments are ignored by the callee, and an {@code int} result is the low half of the register,
 * which {@link #returningInt} functions truncate to before they look at it.
 *
 * <p>Functions with a variable argument list ({@code open}, {@code fcntl}) must be called as such
 * (x86_64 passes the count of vector registers in AL); they share a second shape.
 */
public final class CFunction {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MemoryLayout ERRNO_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = ERRNO_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final FunctionDescriptor SHAPE = FunctionDescriptor.of(JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    /** Where the variable arguments of the variadic functions used here begin: their third argument. */
    private static final int FIRST_VARIADIC_ARGUMENT = 2;

    private final MethodHandle handle;
    private final boolean intResult;

    private CFunction(MethodHandle handle, boolean intResult) {
        this.handle = handle;
        this.intResult = intResult;
    }

    /** A function that returns {@code int} (-1 and errno on failure). */
    public static CFunction returningInt(String name) {
        return required(name, optional(name, true, false));
    }

    /** A function that returns {@code ssize_t}, {@code off_t} or a pointer (-1 and errno on failure). */
    public static CFunction returningLong(String name) {
        return required(name, optional(name, false, false));
    }

    /** A function with a variable argument list from its third argument on, returning {@code int}. */
    public static CFunction variadicReturningInt(String name) {
        return required(name, optional(name, true, true));
    }

    /** Like {@link #returningInt}, empty when the C library has no such function. */
    public static Optional<CFunction> optionalReturningInt(String name) {
        return optional(name, true, false);
    }

    /** Like {@link #returningLong}, empty when the C library has no such function. */
    public static Optional<CFunction> optionalReturningLong(String name) {
        return optional(name, false, false);
    }

    private static CFunction required(String name, Optional<CFunction> function) {
        return function.orElseThrow(() -> new UnsatisfiedLinkError("C library function not found: " + name));
    }

    private static Optional<CFunction> optional(String name, boolean intResult, boolean variadic) {
        Optional<MethodHandle> handle = variadic
                ? downcall(name, SHAPE, Linker.Option.firstVariadicArg(FIRST_VARIADIC_ARGUMENT))
                : downcall(name, SHAPE);
        return handle.map(h -> new CFunction(h, intResult));
    }

    /** A downcall of {@code shape} to the C library function {@code name} that captures errno, if there is one. */
    static Optional<MethodHandle> downcall(String name, FunctionDescriptor shape, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = CAPTURE_ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.defaultLookup().find(name).or(() -> SymbolLookup.loaderLookup().find(name))
                .map(symbol -> LINKER.downcallHandle(symbol, shape, all));
    }

    /**
     * Calls the function with up to six arguments (0 for those it does not take; addresses as
     * {@code long}): its result, never negative on success, or the negated errno.
     */
    public long call(MemorySegment errno, long a, long b, long c, long d, long e, long f) {
        long result;
        try {
            result = (long) handle.invokeExact(errno, a, b, c, d, e, f);
        } catch (Throwable t) {
            throw LibC.downcallFailure(t);
        }
        if (intResult) {
            result = (int) result;
        }
        return result >= 0 ? result : -errno(errno);
    }

    /** A segment that receives errno for calls made by one thread. */
    static MemorySegment newErrnoState(Arena arena) {
        return arena.allocate(ERRNO_LAYOUT);
    }

    /** The errno the last call made with {@code state} captured. */
    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
