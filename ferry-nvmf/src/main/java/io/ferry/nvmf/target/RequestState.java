package io.ferry.nvmf.target;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one command capsule is in its life (SPDK's {@code spdk_nvmf_tcp_req_state}). A request
 * moves only through {@link QueuePair#transition}, which checks the move against {@link #next()},
 * counts requests per state and can log every step, so a stuck request can always be explained.
 */
enum RequestState {
    /** In the queue pair's free list. */
    FREE,
    /** Its capsule header arrived. */
    NEW,
    /** Waits for a data buffer of its transfer length. */
    NEED_BUFFER,
    /** An R2T was queued and is not yet written. */
    AWAITING_R2T_ACK,
    /** Its data arrives: in-capsule data or H2CData PDUs. */
    TRANSFERRING_HOST_TO_CONTROLLER,
    /** Everything it needs is here; waits to run (also while its subsystem is paused or its device is busy). */
    READY_TO_EXECUTE,
    /** Runs: on its device, or held (an asynchronous event request). */
    EXECUTING,
    /** Ran; its status is known. */
    EXECUTED,
    /** Its response is to be sent. */
    READY_TO_COMPLETE,
    /** Its data and response are queued on the connection. */
    TRANSFERRING_CONTROLLER_TO_HOST,
    /** Its response was written; it goes back to the free list. */
    COMPLETED;

    private Set<RequestState> next;

    static {
        FREE.next = EnumSet.of(NEW);
        NEW.next = EnumSet.of(NEED_BUFFER, TRANSFERRING_HOST_TO_CONTROLLER, READY_TO_EXECUTE, READY_TO_COMPLETE, FREE);
        NEED_BUFFER.next = EnumSet.of(AWAITING_R2T_ACK, READY_TO_EXECUTE, FREE);
        AWAITING_R2T_ACK.next = EnumSet.of(TRANSFERRING_HOST_TO_CONTROLLER, FREE);
        TRANSFERRING_HOST_TO_CONTROLLER.next = EnumSet.of(READY_TO_EXECUTE, READY_TO_COMPLETE, FREE);
        READY_TO_EXECUTE.next = EnumSet.of(EXECUTING, FREE);
        EXECUTING.next = EnumSet.of(EXECUTED, READY_TO_EXECUTE, FREE);
        EXECUTED.next = EnumSet.of(READY_TO_COMPLETE, FREE);
        READY_TO_COMPLETE.next = EnumSet.of(TRANSFERRING_CONTROLLER_TO_HOST, FREE);
        TRANSFERRING_CONTROLLER_TO_HOST.next = EnumSet.of(COMPLETED, FREE);
        COMPLETED.next = EnumSet.of(FREE);
    }

    /** The states a request may move to from this one. */
    Set<RequestState> next() {
        return next;
    }
}
