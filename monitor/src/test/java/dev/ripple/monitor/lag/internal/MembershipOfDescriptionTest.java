package dev.ripple.monitor.lag.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.monitor.lag.Membership;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

/** How Kafka's description of a group reads to the status rules, under both group protocols. */
class MembershipOfDescriptionTest {
    private static final MemberDescription MEMBER = new MemberDescription("m-1", "ripple-replica-eqiad",
            "/10.0.0.5", new MemberAssignment(Set.of()));

    @Test
    void shouldReadEveryRebalancingStateOfEitherProtocolAsRebalancing() {
        for (GroupState state : List.of(GroupState.PREPARING_REBALANCE, GroupState.COMPLETING_REBALANCE,
                GroupState.ASSIGNING, GroupState.RECONCILING)) {
            assertThat(KafkaOffsetReader.membership(describe(state, List.of(MEMBER)))).as(state.toString())
                    .isEqualTo(Membership.REBALANCING);
        }
    }

    @Test
    void shouldReadAGroupWithoutMembersAsEmptyWhateverItsState() {
        assertThat(KafkaOffsetReader.membership(describe(GroupState.EMPTY, List.of()))).isEqualTo(Membership.EMPTY);
        assertThat(KafkaOffsetReader.membership(describe(GroupState.DEAD, List.of()))).isEqualTo(Membership.EMPTY);
        assertThat(KafkaOffsetReader.membership(describe(GroupState.PREPARING_REBALANCE, List.of())))
                .isEqualTo(Membership.EMPTY);
    }

    @Test
    void shouldReadStableAsStableAndWhatItCannotTellAsUnknown() {
        assertThat(KafkaOffsetReader.membership(describe(GroupState.STABLE, List.of(MEMBER))))
                .isEqualTo(Membership.STABLE);
        assertThat(KafkaOffsetReader.membership(describe(GroupState.UNKNOWN, List.of(MEMBER))))
                .isEqualTo(Membership.UNKNOWN);
        assertThat(KafkaOffsetReader.membership(null)).isEqualTo(Membership.UNKNOWN);
    }

    private static ConsumerGroupDescription describe(GroupState state, List<MemberDescription> members) {
        return new ConsumerGroupDescription("ripple-replica-eqiad", false, members, "cooperative-sticky",
                GroupType.CLASSIC, state, new Node(1, "127.0.0.1", 9092), Set.of(), Optional.empty(),
                Optional.empty());
    }
}
