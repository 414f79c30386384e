/**
 * `load` runs once and its promise is shared; a load that failed (a chunk the network dropped,
 * a host missing it) is forgotten, so the next call fetches it again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
