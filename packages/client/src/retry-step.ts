/**
 * The id of the progress step a retry's wait shows as (`status` events: running while the client
 * waits, done when the next try goes out). A conversation shows it only while it runs: it is the
 * request's state, not part of the answer. `<parley-chat>` words it in the person's language.
 */
export const retryStepId = 'parley:retry';
