import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ConversationMessage } from '@parley/client';

/** Messages per group: about two screenfuls of a chat panel. */
export const messagesPerGroup = 10;

/**
 * The transcript (its messages from `first` on) in groups by position: group k holds messages 10k
 * to 10k + 9, so no message moves to another group, and none is rendered again, as the
 * conversation grows at the end or older messages of a restored history are shown above. Every
 * group but the newest is settled and contains its layout and paint (`contain: content`,
 * message-view.styles.ts): when messages are added above or below it, the browser moves a group
 * as one box rather than its ten messages (bench/PROFILE.md §2). A group is a plain `<div>`. Not
 * virtualised, and nothing skips rendering: every message stays in the DOM and in the
 * accessibility tree, so find in page, the keyboard and a screen reader's browse mode reach it.
 * `content-visibility: auto` on the groups made scroll frames cheaper still, but Chromium left a
 * skipped group's messages out of the tree a screen reader reads
 * (docs/decisions/widget-transcript-groups-and-frozen-answers.md).
 */
export function renderMessageGroups(
  messages: readonly ConversationMessage[],
  first: number,
  one: (message: ConversationMessage) => unknown,
): unknown {
  const groups: number[] = [];
  for (let group = Math.floor(first / messagesPerGroup); first < messages.length && group * messagesPerGroup < messages.length; group++) groups.push(group);
  const newest = groups[groups.length - 1];
  return repeat(
    groups,
    (group) => group,
    (group) =>
      html`<div class=${group === newest ? 'message-group' : 'message-group settled'}>${repeat(
        messages.slice(Math.max(first, group * messagesPerGroup), (group + 1) * messagesPerGroup),
        (message) => message.id,
        one,
      )}</div>`,
  );
}
