package io.ferry;

/**
 * Why one descriptor of a transfer did not complete.
 *
 * @param index        the descriptor's position in the list given to {@link Agent#prepare}
 * @param target       the target's description
 * @param targetOffset the descriptor's offset in the target
 * @param length       the descriptor's length
 * @param cause        what went wrong; {@link ErrorCode#CANCELLED} when it was cancelled
 */
public record DescriptorFailure(int index, String target, long targetOffset, long length, FerryException cause) {
    @Override
    public String toString() {
        return "descriptor " + index + " (" + target + ", offset " + targetOffset + ", length " + length + "): "
                + cause.getMessage();
    }
}
