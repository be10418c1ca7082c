/**
 * The page's side of the browser sandbox: it keeps one sandbox frame (frame.ts) per trust domain (a
 * framework's learner code in a run, one grading run) and passes the host's requests to it. It runs on the
 * page because only a page can make frames; the player worker and the grading worker reach it over comlink
 * (`SandboxOpener`), the test harness calls it directly. It never looks at what flows through the ports.
 */
import { cspHash, sandboxFrameDocument, SANDBOX_FRAME_SCRIPT } from './frame';

/** What a host needs to run learner code in the browser: start a worker in a domain's frame, end it, end the domain. */
export interface SandboxOpener {
  /** Starts a worker from `source` in `domain`'s frame and hands it `port`; `id` names it for `end`. */
  open(domain: string, id: number, name: string, source: string, port: MessagePort): void;
  /** Ends that worker. */
  end(domain: string, id: number): void;
  /** Ends the domain's frame and every worker in it. */
  close(domain: string): void;
}

interface Frame {
  element: HTMLIFrameElement;
  ready: Promise<void>;
}

export class SandboxFrames implements SandboxOpener {
  private readonly frames = new Map<string, Frame>();
  private hash: Promise<string> | null = null;

  constructor(private readonly parent: HTMLElement = document.body) {}

  open(domain: string, id: number, name: string, source: string, port: MessagePort): void {
    const frame = this.frame(domain);
    void frame.ready.then(() =>
      frame.element.contentWindow?.postMessage({ op: 'open', id, name, source, port }, '*', [port]),
    );
  }

  end(domain: string, id: number): void {
    const frame = this.frames.get(domain);
    if (frame) void frame.ready.then(() => frame.element.contentWindow?.postMessage({ op: 'end', id }, '*'));
  }

  close(domain: string): void {
    const frame = this.frames.get(domain);
    if (!frame) return;
    this.frames.delete(domain);
    frame.element.remove();
  }

  /** Ends every frame (and every worker in them). */
  closeAll(): void {
    for (const domain of [...this.frames.keys()]) this.close(domain);
  }

  /** How many frames are open (tests). */
  get count(): number {
    return this.frames.size;
  }

  private frame(domain: string): Frame {
    let frame = this.frames.get(domain);
    if (frame) return frame;
    const element = document.createElement('iframe');
    // Scripts only: no same origin, no forms, no pop-ups, no top navigation.
    element.setAttribute('sandbox', 'allow-scripts');
    element.setAttribute('aria-hidden', 'true');
    element.tabIndex = -1;
    element.title = 'learner code sandbox';
    element.style.display = 'none';
    const ready = new Promise<void>((resolve) => {
      const onReady = (e: MessageEvent): void => {
        if (
          e.source !== element.contentWindow ||
          (e.data as { mesosLabSandbox?: string })?.mesosLabSandbox !== 'ready'
        )
          return;
        removeEventListener('message', onReady);
        resolve();
      };
      addEventListener('message', onReady);
    });
    this.hash ??= cspHash(SANDBOX_FRAME_SCRIPT);
    void this.hash.then((h) => {
      element.srcdoc = sandboxFrameDocument(h);
      this.parent.appendChild(element);
    });
    frame = { element, ready };
    this.frames.set(domain, frame);
    return frame;
  }
}
