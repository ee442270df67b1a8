package org.tomsprov.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tomsprov.domain.Role;
import org.tomsprov.testdata.World;

/**
 * The permission-change feed gets a transaction's entries as its last write, so its sequences follow the order in
 * which changes commit, whatever order they were made in; a change that rolls back leaves no entry.
 */
@QuarkusTest
class PermissionChangeFeedTest {

    @Inject
    World world;

    @Inject
    GrantLedger ledger;

    @Inject
    PermissionChangeRepository feed;

    @Inject
    EntityManager em;

    private UUID someone(String who) {
        return world.person(World.email(who), Role.EDUCATOR_ROSTER, world.lea(1).school(0), false);
    }

    private List<UUID> usersAfter(long sequence) {
        return QuarkusTransaction.requiringNew().call(() -> feed.after(sequence, 100).stream()
                .map(entry -> entry.userId).toList());
    }

    @Test
    void entriesFollowTheOrderChangesCommitInNotTheOrderTheyWereMadeIn() throws Exception {
        UUID first = someone("made-first");
        UUID second = someone("made-second");
        long head = world.lastFeedSequence();
        CountDownLatch changed = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            ledger.changed(List.of(first));
            changed.countDown();
            await(mayCommit);
        }));
        await(changed);
        QuarkusTransaction.requiringNew().run(() -> ledger.changed(List.of(second)));
        mayCommit.countDown();
        slow.get(30, TimeUnit.SECONDS);

        assertThat(usersAfter(head)).containsExactly(second, first);
    }

    @Test
    void aChangeThatRollsBackLeavesNoEntry() {
        UUID user = someone("rolled-back");
        long head = world.lastFeedSequence();
        QuarkusTransaction.begin();
        ledger.changed(List.of(user));
        QuarkusTransaction.rollback();

        assertThat(usersAfter(head)).isEmpty();
    }

    @Test
    void aUserChangedTwiceInOneTransactionHasOneEntryWithTheEmailTheTransactionLeaves() {
        UUID user = someone("renamed");
        String renamed = World.email("renamed-after");
        long head = world.lastFeedSequence();
        QuarkusTransaction.requiringNew().run(() -> {
            ledger.changed(List.of(user));
            em.createNativeQuery("update app_user set email = ?1 where id = ?2").setParameter(1, renamed)
                    .setParameter(2, user).executeUpdate();
            ledger.changed(List.of(user));
        });

        List<PermissionChangeEntity> entries = QuarkusTransaction.requiringNew().call(() -> feed.after(head, 100));
        assertThat(entries).extracting(entry -> entry.userId).containsExactly(user);
        assertThat(entries).extracting(entry -> entry.email).containsExactly(renamed);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
