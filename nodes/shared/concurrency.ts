/**
 * Runs `worker` for indexes 0..count-1 with at most `limit` running at once, taking indexes in
 * order. Once `shouldStop()` is true no new index starts; the ones under way finish.
 * `worker` must not throw: it records its own outcome.
 */
export async function forEachConcurrently(
	count: number,
	limit: number,
	worker: (index: number) => Promise<void>,
	shouldStop: () => boolean = () => false,
): Promise<void> {
	let next = 0;
	const lane = async () => {
		while (next < count && !shouldStop()) {
			const index = next++;
			await worker(index);
		}
	};
	const lanes = Math.max(1, Math.min(limit, count));
	await Promise.all(Array.from({ length: lanes }, lane));
}
