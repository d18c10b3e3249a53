package io.ferry;

import io.ferry.poll.BusySpinIdleStrategy;
import io.ferry.poll.IdleStrategy;
import io.ferry.poll.Placement;
import io.ferry.poll.PollGroup;
import io.ferry.settings.Settings;

import java.util.List;
import java.util.Objects;

/**
 * The choices of an {@link Agent}, each validated when set. Not thread-safe.
 *
 * <table>
 *   <caption>Choices and defaults</caption>
 *   <tr><th>choice</th><th>default</th></tr>
 *   <tr><td>{@link #settings(Settings)}</td><td>{@link Settings#fromEnvironment()}</td></tr>
 *   <tr><td>{@link #name(String)}</td><td>{@code agent}</td></tr>
 *   <tr><td>{@link #pollGroups(List)}</td><td>none: the caller drives the agent ({@link ThreadingMode#INVOKER})</td></tr>
 *   <tr><td>{@link #placement(Placement)}</td><td>{@link Placement#roundRobin()}, for poll groups</td></tr>
 *   <tr><td>{@link #idleStrategy(IdleStrategy)}</td><td>{@link BusySpinIdleStrategy}: how a caller that drives the
 *   agent idles inside {@link Transfer#await()} and other blocking calls</td></tr>
 * </table>
 */
public final class AgentBuilder {
    Settings settings;
    String name = "agent";
    List<PollGroup> pollGroups;
    Placement placement;
    IdleStrategy idleStrategy = new BusySpinIdleStrategy();

    AgentBuilder() {
    }

    /** The agent's settings (default: {@link Settings#fromEnvironment()}). */
    public AgentBuilder settings(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** A name for diagnostics; it also names the agent's own poll group when the caller drives it. */
    public AgentBuilder name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "an agent's name must not be blank");
        }
        this.name = name;
        return this;
    }

    /**
     * Poll groups that others drive (a runtime's, or the application's own loops) take the agent's
     * components: {@link ThreadingMode#POLL_GROUPS}. Without this, the caller drives the agent.
     *
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} for an empty list
     */
    public AgentBuilder pollGroups(List<PollGroup> groups) {
        Objects.requireNonNull(groups, "groups");
        if (groups.isEmpty()) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "an agent driven by poll groups needs at least one");
        }
        this.pollGroups = List.copyOf(groups);
        return this;
    }

    /** Which of the poll groups takes each component; only with {@link #pollGroups}. */
    public AgentBuilder placement(Placement placement) {
        this.placement = Objects.requireNonNull(placement, "placement");
        return this;
    }

    /** How a caller that drives the agent idles while it waits; only without {@link #pollGroups}. */
    public AgentBuilder idleStrategy(IdleStrategy idleStrategy) {
        this.idleStrategy = Objects.requireNonNull(idleStrategy, "idleStrategy");
        return this;
    }

    /**
     * The agent.
     *
     * @throws FerryException {@link ErrorCode#INVALID_ARGUMENT} when a placement is set without poll groups
     */
    public Agent build() {
        if (placement != null && pollGroups == null) {
            throw new FerryException(ErrorCode.INVALID_ARGUMENT, "a placement needs poll groups to choose from");
        }
        if (settings == null) {
            settings = Settings.fromEnvironment();
        }
        if (pollGroups != null && placement == null) {
            placement = Placement.roundRobin();
        }
        return new Agent(this);
    }
}
