package io.ferry;

import io.ferry.spi.BackendTransfer;
import io.ferry.spi.TransferProgress;

import java.util.Arrays;

/**
 * One backend's share of a transfer: what the backend sees of the transfer, with its descriptor
 * indices mapped to the transfer's. The map is null when the backend has every descriptor, in
 * order (the common case).
 */
final class TransferPart implements TransferProgress {
    private final Transfer transfer;
    private final int[] globalIndex;
    private final Admission admission;
    private BackendTransfer backendTransfer;

    TransferPart(Transfer transfer, int[] globalIndex, Admission admission) {
        this.transfer = transfer;
        this.globalIndex = globalIndex;
        this.admission = admission;
    }

    void bind(BackendTransfer prepared) {
        this.backendTransfer = prepared;
    }

    BackendTransfer backendTransfer() {
        return backendTransfer;
    }

    Admission admission() {
        return admission;
    }

    /** The index in this part of the transfer's descriptor {@code global}, or -1 when another part has it. */
    int localIndexOf(int global) {
        return globalIndex == null ? global : Arrays.binarySearch(globalIndex, global);
    }

    int size() {
        return globalIndex == null ? transfer.descriptors().size() : globalIndex.length;
    }

    private int global(int index) {
        return globalIndex == null ? index : globalIndex[index];
    }

    @Override
    public void started() {
        transfer.markStarted();
    }

    @Override
    public long targetOffset(int index) {
        return transfer.targetOffset(global(index));
    }

    @Override
    public void fail(int index, FerryException cause) {
        transfer.descriptorFailed(global(index), cause);
    }

    @Override
    public boolean hasFailed(int index) {
        return transfer.hasFailed(global(index));
    }

    @Override
    public boolean isCancelRequested() {
        return transfer.isCancelRequested();
    }

    @Override
    public void completed() {
        admission.retire();
        transfer.partCompleted();
    }
}
