/**
 * The page's sandbox frames as seen from a worker (the player, the grader): calls go over comlink, and
 * each worker's port is transferred, not copied.
 */
import * as Comlink from 'comlink';
import type { SandboxOpener } from './SandboxFrames';

export function remoteOpener(remote: Comlink.Remote<SandboxOpener>): SandboxOpener {
  return {
    open: (domain, id, name, source, port) =>
      void remote.open(domain, id, name, source, Comlink.transfer(port, [port])),
    end: (domain, id) => void remote.end(domain, id),
    close: (domain) => void remote.close(domain),
  };
}
