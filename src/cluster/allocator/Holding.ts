/**
 * What one framework holds (offered or allocated) in one role on one agent, as the allocator tracks it
 * (the `offeredOrAllocated` of an agent in Mesos's hierarchical allocator, MESOS.md §1.5).
 *
 * It keeps the pieces as they were offered rather than their sum: declining an offer gives back exactly
 * the bag that was offered, and taking that piece out again is O(pieces), where merging it in and
 * subtracting it out again would rebuild every port range each time. The sum is formed when something
 * other than a whole piece comes back (the unused part of an accepted offer, a finished task) or when
 * someone asks for it. Pieces never overlap (an agent's resources are held by one framework at a time),
 * so the sum of the pieces is exactly what merging them as they came would have given.
 */
import { Resources } from '../resources';

export class Holding {
  private pieces: Resources[];
  private sum: Resources | null;

  constructor(first: Resources) {
    this.pieces = [first];
    this.sum = first;
  }

  /** Adds a piece (an offer of more resources on the same agent, in the same role). */
  add(piece: Resources): void {
    this.pieces.push(piece);
    this.sum = null;
  }

  /** Everything held. */
  total(): Resources {
    if (this.sum === null) {
      let sum = Resources.EMPTY;
      for (const piece of this.pieces) sum = sum.plus(piece);
      this.pieces = sum.isEmpty() ? [] : [sum];
      this.sum = sum;
    }
    return this.sum;
  }

  /**
   * Gives back `resources`, or only the part of it that is held, so that a duplicate recovery can never
   * over-fill the agent; returns what was given back.
   */
  take(resources: Resources): Resources {
    const i = this.pieces.indexOf(resources);
    if (i >= 0) {
      this.pieces.splice(i, 1);
      this.sum = this.pieces.length === 1 ? this.pieces[0]! : null;
      return resources;
    }
    const held = this.total();
    const recovered = held.contains(resources) ? resources : held.minus(held.minus(resources));
    const remaining = held.minus(recovered);
    this.pieces = remaining.isEmpty() ? [] : [remaining];
    this.sum = remaining;
    return recovered;
  }

  isEmpty(): boolean {
    return this.pieces.length === 0;
  }
}
