/** The `image-hosts` and `link-hosts` attributes of `<parley-markdown>` and `<parley-chat>`: hosts separated by spaces or commas. */
export const imageHostsConverter = {
  fromAttribute: (value: string | null): string[] => (value ? value.split(/[\s,]+/).filter(Boolean) : []),
  toAttribute: (value: readonly string[]): string => value.join(' '),
};
