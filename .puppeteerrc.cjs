// Puppeteer (pa11y's browser driver) never downloads a browser of its own: the checks use
// Debian's Chromium at /usr/bin/chromium (build_tools/cli/checkers.py).
module.exports = { skipDownload: true };
