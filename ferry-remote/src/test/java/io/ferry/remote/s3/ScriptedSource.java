package io.ferry.remote.s3;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/** A credential source for tests: answers what was queued, in order, and counts the questions. */
final class ScriptedSource implements AwsCredentialsProvider {
    private final Deque<Object> answers = new ArrayDeque<>();
    private final AtomicInteger asked = new AtomicInteger();
    private volatile Thread lastCaller;

    synchronized ScriptedSource answer(AwsCredentials credentials) {
        answers.add(credentials);
        return this;
    }

    synchronized ScriptedSource fail(String why) {
        answers.add(new FerryException(ErrorCode.IO_ERROR, "scripted source: " + why));
        return this;
    }

    int asked() {
        return asked.get();
    }

    Thread lastCaller() {
        return lastCaller;
    }

    @Override
    public synchronized AwsCredentials resolveCredentials() {
        asked.incrementAndGet();
        lastCaller = Thread.currentThread();
        Object next = answers.poll();
        if (next == null) {
            throw new IllegalStateException("the test queued no more answers");
        }
        if (next instanceof FerryException failure) {
            throw failure;
        }
        return (AwsCredentials) next;
    }

    @Override
    public String describe() {
        return "scripted source";
    }
}
