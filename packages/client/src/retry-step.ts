/**
 * The id of the progress step a retry's wait shows as (an HTTP refusal: a 429, a 503) (`status` events: running while the client
 * waits, done when the next try goes out). A conversation shows it only while it runs: it is the
 * request's state, not part of the answer. `<parley-chat>` words it in the person's language.
 */
export const retryStepId = 'parley:retry';

/** The same wait when the gateway could not be reached at all (the network is away): the words differ. */
export const reconnectStepId = 'parley:reconnect';
