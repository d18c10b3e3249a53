package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assertions on the {@link FerryException} a call must throw. */
final class FerryFailures {
    private FerryFailures() {
    }

    /** Asserts that {@code call} throws a {@link FerryException} with {@code code}; chain message checks on the result. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertFails(ThrowingCallable call, ErrorCode code) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(FerryException.class, e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
