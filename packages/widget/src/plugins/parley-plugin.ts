/**
 * A plug-in for `<parley-chat>`. The render hooks (citations, actions, data, themes) arrive with
 * the plug-in API (issue 5); the element already accepts and keeps the list.
 */
export interface ParleyPlugin {
  name: string;
}
