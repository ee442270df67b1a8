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
 * The permission-change feed never shows an entry behind a place a consumer has already read past, whatever order
 * changes commit in: an entry shows once the transactions that began writing before its own have ended. A change
 * that rolls back leaves no entry.
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

    private List<PermissionChangeRepository.Entry> entriesAfter(PermissionChangeRepository.Position position) {
        return QuarkusTransaction.requiringNew().call(() -> feed.after(position, 100));
    }

    private static List<UUID> users(List<PermissionChangeRepository.Entry> entries) {
        return entries.stream().map(PermissionChangeRepository.Entry::userId).toList();
    }

    /** Where a consumer that has read every entry so far stands. */
    private PermissionChangeRepository.Position head() {
        PermissionChangeRepository.Position position = PermissionChangeRepository.Position.START;
        for (List<PermissionChangeRepository.Entry> page; !(page = entriesAfter(position)).isEmpty(); ) {
            position = page.get(page.size() - 1).position();
        }
        return position;
    }

    @Test
    void aChangeCommittedWhileAnEarlierOneRunsShowsOnlyAfterItSoAConsumerReadingMeanwhileMissesNeither()
            throws Exception {
        UUID first = someone("made-first");
        UUID second = someone("made-second");
        PermissionChangeRepository.Position head = head();
        CountDownLatch changed = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            ledger.changed(List.of(first));
            changed.countDown();
            await(mayCommit);
        }));
        await(changed);
        QuarkusTransaction.requiringNew().run(() -> ledger.changed(List.of(second)));

        List<PermissionChangeRepository.Entry> meanwhile = entriesAfter(head);
        mayCommit.countDown();
        slow.get(30, TimeUnit.SECONDS);
        PermissionChangeRepository.Position read = meanwhile.isEmpty() ? head
                : meanwhile.get(meanwhile.size() - 1).position();

        assertThat(users(meanwhile)).doesNotContain(first, second);
        assertThat(users(entriesAfter(read))).containsExactly(first, second);
    }

    @Test
    void aChangeThatRollsBackLeavesNoEntry() {
        UUID user = someone("rolled-back");
        PermissionChangeRepository.Position head = head();
        QuarkusTransaction.begin();
        ledger.changed(List.of(user));
        QuarkusTransaction.rollback();

        assertThat(users(entriesAfter(head))).doesNotContain(user);
    }

    @Test
    void aUserChangedTwiceInOneTransactionHasOneEntryWithTheEmailTheTransactionLeaves() {
        UUID user = someone("renamed");
        String renamed = World.email("renamed-after");
        PermissionChangeRepository.Position head = head();
        QuarkusTransaction.requiringNew().run(() -> {
            ledger.changed(List.of(user));
            em.createNativeQuery("update app_user set email = ?1 where id = ?2").setParameter(1, renamed)
                    .setParameter(2, user).executeUpdate();
            ledger.changed(List.of(user));
        });

        List<PermissionChangeRepository.Entry> entries = entriesAfter(head);
        assertThat(entries).extracting(PermissionChangeRepository.Entry::userId).containsExactly(user);
        assertThat(entries).extracting(PermissionChangeRepository.Entry::email).containsExactly(renamed);
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
