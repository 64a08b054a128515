/** How replies are read: approve and decline words, the instructions line, and choices. */
import {
	approvalInstructions,
	choiceQuestion,
	classifyText,
	DEFAULT_APPROVE_WORDS,
	DEFAULT_DECLINE_WORDS,
	matchChoice,
	wordList,
} from '../../../../../../nodes/Linq/actions/message/sendAndWait/replies';

const approve = wordList(DEFAULT_APPROVE_WORDS);
const decline = wordList(DEFAULT_DECLINE_WORDS);

describe('Send and Wait replies', () => {
	it.each([
		['  Yes!! ', 'approve'],
		['OK.', 'approve'],
		['👎', 'decline'],
		['no way', undefined],
		['', undefined],
	])('"%s" reads as %s', (text, verdict) => {
		expect(classifyText(text, approve, decline)).toBe(verdict);
	});

	it('the instructions name the first plain word of each list, or only the approve word', () => {
		expect(approvalInstructions(approve, decline)).toBe('Reply YES to approve or NO to decline.');
		expect(approvalInstructions(wordList('👍, sure'), [])).toBe('Reply SURE to approve.');
	});

	it('the question lists the choices numbered from 1', () => {
		expect(choiceQuestion('Which slot?  ', ['Morning', 'Evening'])).toBe(
			'Which slot?\n\n1. Morning\n2. Evening\n\nReply with the number or the text of your choice.',
		);
	});

	it.each([
		['2', 1],
		['2.', 1],
		[' EVENING! ', 1],
		['30', 2],
		['3', 2],
		['0', undefined],
		['4', undefined],
		['-1', undefined],
		['2 please', undefined],
		['', undefined],
	])('"%s" chooses index %s of Morning, Evening, 30', (text, index) => {
		expect(matchChoice(text, ['Morning', 'Evening', '30'])).toBe(index);
	});

	it("a choice's own text wins over another choice's number", () => {
		expect(matchChoice('1', ['2', '1'])).toBe(1);
	});
});
