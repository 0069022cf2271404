/**
 * Resolves after the event loop has read what has already arrived on the sockets: the requests
 * received by then have run up to their first wait. Used to gather the work of concurrent requests
 * into one statement (one commit for many recorded reads, one lookup for many kept answers).
 */
export function afterPendingInput(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
