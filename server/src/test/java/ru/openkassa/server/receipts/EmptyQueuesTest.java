package ru.openkassa.server.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class EmptyQueuesTest {

    private final EmptyQueues queues = new EmptyQueues();
    private final ClaimingRegister register = new ClaimingRegister(1, "0000000001", 7, 100, Set.of(10L, 11L));
    private final long now = System.nanoTime();

    @Test
    void aQueueIsKnownEmptyOnlyAfterAClaimFoundItSo() {
        assertThat(queues.knownEmpty(register, now)).isFalse();
        queues.foundEmpty(register, queues.before(register), now);
        assertThat(queues.knownEmpty(register, now + 1_000)).isTrue();
    }

    @Test
    void aSignalOfAnyOfTheRegistersGroupsEndsIt() {
        queues.foundEmpty(register, queues.before(register), now);
        queues.signaled(99);
        assertThat(queues.knownEmpty(register, now)).as("another group's signal").isTrue();
        queues.signaled(11);
        assertThat(queues.knownEmpty(register, now)).isFalse();
    }

    @Test
    void aSignalThatArrivesWhileTheClaimReadsCountsAgainstIt() {
        long[] before = queues.before(register);
        queues.signaled(10); // the receipt was committed after the claim's snapshot
        queues.foundEmpty(register, before, now);
        assertThat(queues.knownEmpty(register, now)).isFalse();
    }

    @Test
    void itIsBelievedForASecondAtMost() {
        queues.foundEmpty(register, queues.before(register), now);
        assertThat(queues.knownEmpty(register, now + EmptyQueues.TRUST)).isTrue();
        assertThat(queues.knownEmpty(register, now + EmptyQueues.TRUST + 1)).isFalse();
    }

    @Test
    void itIsKnownPerLegalEntityAndEveryGroupMustBeKnown() {
        queues.foundEmpty(register, queues.before(register), now);
        ClaimingRegister otherEntity = new ClaimingRegister(2, "0000000002", 7, 200, Set.of(10L));
        assertThat(queues.knownEmpty(otherEntity, now)).isFalse();
        ClaimingRegister moreGroups = new ClaimingRegister(1, "0000000001", 7, 100, Set.of(10L, 11L, 12L));
        assertThat(queues.knownEmpty(moreGroups, now)).isFalse();
        ClaimingRegister fewerGroups = new ClaimingRegister(3, "0000000003", 7, 100, Set.of(11L));
        assertThat(queues.knownEmpty(fewerGroups, now)).isTrue();
    }

    @Test
    void aGapInTheSignalsForgetsEverything() {
        queues.foundEmpty(register, queues.before(register), now);
        queues.forgetAll();
        assertThat(queues.knownEmpty(register, now)).isFalse();
    }
}
