package org.tomsprov.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tomsprov.app.consumers.ConsumerDocuments;
import org.tomsprov.domain.Role;
import org.tomsprov.domain.ServedChange;
import org.tomsprov.testdata.World;

/**
 * The permission-change feed never shows an entry behind a place a consumer has already read past, whatever order
 * changes commit in: an entry shows once the transactions that began writing before its own have ended. A change
 * that rolls back leaves no entry; one that leaves what consumers are served as it was writes none.
 */
@QuarkusTest
class PermissionChangeFeedTest {

    @Inject
    World world;

    @Inject
    ConsumerDocuments documents;

    @Inject
    PermissionChangeRepository feed;

    @Inject
    EntityManager em;

    /** A person with their documents written, as consumers are served them. */
    private UUID someone(String who) {
        UUID id = world.person(World.email(who), Role.EDUCATOR_ROSTER, world.lea(1).school(0), false);
        QuarkusTransaction.requiringNew().run(() -> documents.changed(List.of(id)));
        return id;
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
            feed.append(Map.of(first, EnumSet.of(ServedChange.PERMISSIONS)));
            changed.countDown();
            await(mayCommit);
        }));
        await(changed);
        QuarkusTransaction.requiringNew().run(() -> feed.append(Map.of(second, EnumSet.of(ServedChange.PERMISSIONS))));

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
        documents.changed(List.of(user));
        em.createNativeQuery("update app_user set status = 'INACTIVE' where id = ?1").setParameter(1, user)
                .executeUpdate();
        QuarkusTransaction.rollback();

        assertThat(users(entriesAfter(head))).doesNotContain(user);
    }

    @Test
    void aUserChangedTwiceInOneTransactionHasOneEntryWithTheEmailTheTransactionLeavesSayingItsProfileMoved() {
        UUID user = someone("renamed");
        String renamed = World.email("renamed-after");
        PermissionChangeRepository.Position head = head();
        QuarkusTransaction.requiringNew().run(() -> {
            documents.changed(List.of(user));
            em.createNativeQuery("update app_user set email = ?1 where id = ?2").setParameter(1, renamed)
                    .setParameter(2, user).executeUpdate();
            documents.changed(List.of(user));
        });

        List<PermissionChangeRepository.Entry> entries = entriesAfter(head);
        assertThat(entries).extracting(PermissionChangeRepository.Entry::userId).containsExactly(user);
        assertThat(entries).extracting(PermissionChangeRepository.Entry::email).containsExactly(renamed);
        assertThat(entries.get(0).changes()).containsExactly(ServedChange.PROFILE);
    }

    @Test
    void aChangeThatLeavesWhatIsServedAsItWasWritesNoEntry() {
        UUID user = someone("unchanged");
        PermissionChangeRepository.Position head = head();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update app_user set first_name = 'Another' where id = ?1").setParameter(1, user)
                    .executeUpdate();
            documents.changed(List.of(user));
        });

        assertThat(users(entriesAfter(head))).doesNotContain(user);
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
