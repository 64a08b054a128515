'use strict';
/**
 * Linq's rate limit, simulated: a token bucket over all authenticated API requests. A request that
 * finds no token gets 429 with `Retry-After` (whole seconds, rounded up, at least 1) and code 1007.
 * The clock is injectable, so tests drive time instead of waiting for it.
 */

/**
 * @typedef {{ perSecond: number, burst?: number }} RateLimit `perSecond` tokens refill each second;
 *   the bucket holds at most `burst` (default: perSecond rounded up, at least 1) and starts full.
 */

/** @returns {{ perSecond: number, burst: number } | null} null turns the limit off */
function parseRateLimit(value) {
	if (
		value === null ||
		value === undefined ||
		(typeof value === 'object' && Object.keys(value).length === 0)
	)
		return null;
	const perSecond = Number(value.perSecond);
	if (!Number.isFinite(perSecond) || perSecond <= 0)
		throw new RangeError('rateLimit.perSecond must be a positive number');
	const burst =
		value.burst === undefined || value.burst === null
			? Math.max(1, Math.ceil(perSecond))
			: Number(value.burst);
	if (!Number.isFinite(burst) || burst < 1)
		throw new RangeError('rateLimit.burst must be a number of 1 or more');
	return { perSecond, burst };
}

class TokenBucket {
	/** @param {{ perSecond: number, burst: number }} limit @param {() => number} now the clock in ms */
	constructor(limit, now) {
		this.perSecond = limit.perSecond;
		this.burst = limit.burst;
		this.now = now;
		this.tokens = limit.burst;
		this.at = now();
	}

	/** Takes a token: 0 when there was one, else the whole seconds until there will be one. */
	take() {
		const t = this.now();
		this.tokens = Math.min(
			this.burst,
			this.tokens + (Math.max(0, t - this.at) / 1000) * this.perSecond,
		);
		this.at = t;
		if (this.tokens >= 1 - 1e-9) {
			this.tokens -= 1;
			return 0;
		}
		return Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
	}
}

module.exports = { TokenBucket, parseRateLimit };
