/**
 * "Why this offer": the allocator's decision behind the offer selected, from a deterministic replay of the
 * run with explanations on (the player's `explain`). One offer at a time; a newer selection wins over an
 * answer still on its way.
 */
import type { Explanation } from '../../cluster/trace/explanation';
import type { OfferEvent } from './TimeLine.svelte';

export interface WhyState {
  readonly offer: string;
  readonly event: OfferEvent | null;
  readonly status: 'loading' | 'done' | 'none' | 'error';
  readonly explanation?: Explanation;
}

export class WhyThisOffer {
  current = $state.raw<WhyState | null>(null);
  readonly #explain: (offerId: string) => Promise<Explanation | null>;
  readonly #offerEvent: (offerId: string) => OfferEvent | null;

  constructor(
    explain: (offerId: string) => Promise<Explanation | null>,
    offerEvent: (offerId: string) => OfferEvent | null,
  ) {
    this.#explain = explain;
    this.#offerEvent = offerEvent;
  }

  async explain(offerId: string): Promise<void> {
    const event = this.#offerEvent(offerId);
    this.current = { offer: offerId, event, status: 'loading' };
    let explanation: Explanation | null;
    try {
      explanation = await this.#explain(offerId);
    } catch {
      if (this.current?.offer === offerId) this.current = { offer: offerId, event, status: 'error' };
      return;
    }
    if (this.current?.offer !== offerId) return;
    this.current = explanation
      ? { offer: offerId, event, status: 'done', explanation }
      : { offer: offerId, event, status: 'none' };
  }

  clear(): void {
    this.current = null;
  }
}
