package io.ferry.file;

import io.ferry.Memory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** The kinds of memory a transfer must serve correctly. */
enum MemoryKind {
    HEAP {
        @Override
        MemorySegment allocate(Arena arena, int size) {
            return Memory.wrap(new byte[size + 3], 3, size);
        }
    },
    NATIVE {
        @Override
        MemorySegment allocate(Arena arena, int size) {
            return Memory.allocate(arena, size);
        }
    },
    NATIVE_UNALIGNED {
        @Override
        MemorySegment allocate(Arena arena, int size) {
            return Memory.allocate(arena, size + 1L).asSlice(1, size);
        }
    },
    DIRECT_BUFFER {
        @Override
        MemorySegment allocate(Arena arena, int size) {
            return Memory.wrap(ByteBuffer.allocateDirect(size));
        }
    };

    abstract MemorySegment allocate(Arena arena, int size);
}
