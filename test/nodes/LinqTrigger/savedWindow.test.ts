import { decodeWindow, encodeWindow } from '../../../nodes/LinqTrigger/savedWindow';

describe('saved dedupe window', () => {
	it('round-trips ids and times, ids with colons included', () => {
		const window = new Map([
			['msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', 1_796_614_635_801],
			['a:b:c', 5],
		]);
		const text = encodeWindow(window);
		expect(typeof text).toBe('string');
		expect(decodeWindow(text)).toEqual(window);
		// A saved string is one JSON value: what n8n parses, wraps and copies on every delivery.
		expect(JSON.parse(JSON.stringify({ deliveries: text })).deliveries).toBe(text);
	});

	it('reads windows saved as an object by earlier releases, and nothing else', () => {
		expect(decodeWindow({ msg_1: 10, msg_2: 'x' })).toEqual(new Map([['msg_1', 10]]));
		expect(decodeWindow(undefined).size).toBe(0);
		expect(decodeWindow('').size).toBe(0);
		expect(decodeWindow('not a line\n:x\nzz:msg_ok').get('msg_ok')).toBe(Number.parseInt('zz', 36));
	});

	it('parses the same saved text once', () => {
		const text = encodeWindow(new Map([['msg_once', 1]]));
		expect(decodeWindow(text)).toBe(decodeWindow(`${text}`));
	});
});
