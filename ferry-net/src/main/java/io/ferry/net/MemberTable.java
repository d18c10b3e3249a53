package io.ferry.net;

import io.ferry.FerryException;

import java.util.Arrays;

/**
 * The members of a {@link NetLoop} (connections and listeners) by loop-local id, the id that epoll's
 * user data carries with a generation: an id freed by a closed member is given again, and events still
 * pending for the old member are then not delivered to the new one. Ids start at 1 (0 is the loop's
 * wake-up); freed ids are reused first. Owned by the loop's thread.
 */
final class MemberTable {
    private Selectable[] members = new Selectable[64];
    private int[] generations = new int[64];
    private int[] freeIds = new int[64];
    private int freeCount;
    private int nextId = 1;

    /** Gives {@code member} an id. */
    void add(Selectable member) {
        int id = freeCount > 0 ? freeIds[--freeCount] : nextId++;
        if (id >= members.length) {
            members = Arrays.copyOf(members, members.length * 2);
            generations = Arrays.copyOf(generations, generations.length * 2);
        }
        member.id = id;
        members[id] = member;
    }

    /** The epoll user data of {@code member}: its generation in the high half, its id in the low. */
    long epollData(Selectable member) {
        return ((long) generations[member.id] << 32) | member.id;
    }

    /** The member that {@code data} of {@link #epollData} names, or null when it left since. */
    Selectable member(long data) {
        int id = (int) data;
        Selectable member = id < members.length ? members[id] : null;
        return member != null && generations[id] == (int) (data >>> 32) ? member : null;
    }

    /** A member closed: its id is free again, and events still pending for it are ignored. */
    void remove(Selectable member) {
        int id = member.id;
        if (members[id] != member) {
            return;
        }
        members[id] = null;
        generations[id]++;
        if (freeCount == freeIds.length) {
            freeIds = Arrays.copyOf(freeIds, freeCount * 2);
        }
        freeIds[freeCount++] = id;
    }

    /** Ends every member with {@code cause}; each removes itself as it closes. */
    void abortAll(FerryException cause) {
        for (Selectable member : members) {
            if (member != null) {
                member.abort(cause);
            }
        }
    }
}
