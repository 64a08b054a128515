import { sleep } from 'n8n-workflow';

/**
 * How many requests of one execution may be in flight, adapted to Linq's rate limit (additive
 * increase, multiplicative decrease): a 429 halves the allowance and pauses every request for
 * Linq's Retry-After; each success raises it again, up to the node's Parallel Requests.
 */
export class RateGate {
	private allowance: number;
	private inFlight = 0;
	private pausedUntil = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(
		private readonly max: number,
		private readonly now: () => number = Date.now,
	) {
		this.allowance = Math.max(1, max);
	}

	/** How many requests may run at once right now. */
	get limit(): number {
		return Math.max(1, Math.floor(this.allowance));
	}

	/** Waits for a free slot and for the end of any rate-limit pause. */
	async acquire(): Promise<void> {
		// Each pause is waited out once (not re-measured against the clock), so a request sleeps
		// exactly as long as Linq asked, even when sleeping is simulated.
		let waitedUntil = 0;
		for (;;) {
			if (this.pausedUntil > waitedUntil) {
				waitedUntil = this.pausedUntil;
				const pause = this.pausedUntil - this.now();
				if (pause > 0) await sleep(pause);
				continue;
			}
			if (this.inFlight < this.limit) {
				this.inFlight++;
				return;
			}
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
	}

	/** Frees the slot; `rateLimited` (Linq answered 429) pauses everyone for `waitMs` and halves the allowance. */
	release(outcome: 'done' | 'rateLimited', waitMs = 0): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		if (outcome === 'rateLimited') {
			// Requests already in flight during a pause met the same limit: halve once per pause.
			if (this.now() >= this.pausedUntil) this.allowance = Math.max(1, this.allowance / 2);
			this.pausedUntil = Math.max(this.pausedUntil, this.now() + waitMs);
		} else {
			this.allowance = Math.min(Math.max(1, this.max), this.allowance + 1 / this.allowance);
		}
		// Wake everyone waiting for a slot; each checks the limit and the pause again.
		for (const wake of this.waiting.splice(0)) wake();
	}
}
