import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ConversationMessage } from '@parley/client';

/** Messages per group: about two screenfuls of a chat panel. */
export const messagesPerGroup = 10;

/**
 * The transcript (its messages from `first` on) in groups by position: group k holds messages 10k
 * to 10k + 9, so no message moves to another group, and none is rendered again, as the
 * conversation grows at the end or older messages of a restored history are shown above. Every
 * group but the newest is settled and gets `content-visibility: auto` (message-view.styles.ts):
 * the browser lays out and paints only the groups near the view and checks one box per ten
 * messages for that, not one per message (those checks were most of a scroll frame in a
 * 1,000-message history, bench/PROFILE.md §2). A group is a plain `<div>`. Not virtualised: every
 * message stays in the DOM, so find in page and the keyboard reach it and show its group; a skipped
 * group's content is left out of Chromium's accessibility tree until it renders, as a skipped
 * message's was before (bench/PROFILE.md §2).
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
