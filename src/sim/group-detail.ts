import type { GroupState } from '../core/protocol.js';
import type { SimGroup } from './group.js';

/** One member of a group, as `GET /api/consumer-groups/{id}` lists it. */
export interface GroupMemberDetail {
  memberId: string;
  clientId: string;
  clientHost: string;
  /** Partitions assigned to this member (none while the group rebalances). */
  partitions: { topic: string; partition: number }[];
}

/** What `GET /api/consumer-groups/{id}` answers. */
export interface GroupDetail {
  groupId: string;
  state: GroupState;
  members: GroupMemberDetail[];
  /** Committed offset of every partition that has one. */
  offsets: { topic: string; partition: number; offset: number }[];
}

/** The summary row of `GET /api/consumer-groups`: what the socket never says about a group. */
export function groupSummary(g: SimGroup): { groupId: string; state: GroupState; members: number } {
  return { groupId: g.groupId, state: g.state, members: g.members };
}

/**
 * A group's members with their partitions and its committed offsets. Partitions are dealt round-robin
 * to the members once the group is Stable; during a rebalance the members hold nothing yet.
 */
export function groupDetail(g: SimGroup): GroupDetail {
  const members: GroupMemberDetail[] = [];
  for (let m = 0; m < g.members; m++) {
    members.push({
      memberId: `${g.groupId}-member-${m + 1}`,
      clientId: `${g.groupId}-client`,
      clientHost: `/10.0.0.${(m % 250) + 1}`,
      partitions: [],
    });
  }
  const offsets: GroupDetail['offsets'] = [];
  let next = 0;
  for (const a of g.assignments) {
    for (let p = 0; p < a.topic.partitions; p++) {
      if (g.state === 'Stable' && members.length > 0) {
        members[next++ % members.length].partitions.push({ topic: a.topic.name, partition: p });
      }
      if (a.committed[p] >= 0) offsets.push({ topic: a.topic.name, partition: p, offset: a.committed[p] });
    }
  }
  return { groupId: g.groupId, state: g.state, members, offsets };
}
