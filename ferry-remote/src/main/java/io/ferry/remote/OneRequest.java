package io.ferry.remote;

import io.ferry.FerryException;

import java.util.function.Function;

/** A control call of one small request, whose answer gives the call's result. */
final class OneRequest<T> extends ControlSteps<T> {
    private final Function<SmallRequest, T> answer;

    /** @param request the request, made for this call as its owner */
    OneRequest(Function<HttpTask.TaskOwner, SmallRequest> request, Function<SmallRequest, T> answer) {
        this.answer = answer;
        then(request.apply(this));
    }

    @Override
    void stepDone(HttpTask step) {
        succeed(answer.apply((SmallRequest) step));
    }

    @Override
    void stepFailed(HttpTask step, FerryException cause) {
        fail(cause);
    }
}
