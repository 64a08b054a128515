// Removes build output so `npm run build` starts from nothing.
require('fs').rmSync(require('path').join(__dirname, '..', 'dist'), {
	recursive: true,
	force: true,
});
