// pa11y over many pages in one headless Chromium, for build_tools/cli/checkers.py.
//
// Reads one JSON request on standard input:
//   {"chromium": "/usr/bin/chromium", "args": [...], "runner": "htmlcs", "standard": "WCAG2AA",
//    "views": [{"scheme": "light", "width": 1280, "height": 900}, ...],
//    "pages": [{"address": "courses/", "url": "http://127.0.0.1:PORT/courses/", "body": null}, ...]}
// and writes one JSON list on standard output, an entry per error pa11y reports:
//   {"address", "scheme", "width", "code", "message", "selector", "context"}.
// A page with a "body" (a redirect stub without its refresh) is shown with that body at its own
// address, so it is checked as it stands rather than the page it sends the reader on to.
'use strict';

const pa11y = require('pa11y');
const puppeteer = require('puppeteer');

async function readRequest() {
	const chunks = [];
	for await (const chunk of process.stdin) {
		chunks.push(chunk);
	}
	return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

// Load one page as axe-core's checks load it (until the load event), serving `body` for its
// own address when given.
async function openPage(page, {url, body}) {
	if (body === null || body === undefined) {
		await page.goto(url, {waitUntil: 'load'});
		return;
	}
	const answer = request => {
		if (request.isNavigationRequest() && request.url() === url) {
			request.respond({status: 200, contentType: 'text/html; charset=utf-8', body});
		} else {
			request.continue();
		}
	};
	await page.setRequestInterception(true);
	page.on('request', answer);
	try {
		await page.goto(url, {waitUntil: 'load'});
	} finally {
		page.off('request', answer);
		await page.setRequestInterception(false);
	}
}

async function main() {
	const request = await readRequest();
	const browser = await puppeteer.launch({executablePath: request.chromium, args: request.args});
	const findings = [];
	try {
		for (const view of request.views) {
			const page = await browser.newPage();
			await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: view.scheme}]);
			const viewport = {width: view.width, height: view.height};
			await page.setViewport(viewport);
			try {
				for (const entry of request.pages) {
					await openPage(page, entry);
					// ignoreUrl: pa11y checks the page as loaded above; it sets the viewport again
					// (to its default unless given this one).
					const result = await pa11y(entry.url, {
						browser, page, ignoreUrl: true, viewport,
						runners: [request.runner], standard: request.standard
					});
					for (const issue of result.issues) {
						if (issue.type !== 'error') {
							continue;
						}
						findings.push({
							address: entry.address, scheme: view.scheme, width: view.width, code: issue.code,
							message: issue.message, selector: issue.selector, context: issue.context
						});
					}
				}
			} finally {
				await page.close();
			}
		}
	} finally {
		await browser.close();
	}
	process.stdout.write(JSON.stringify(findings));
}

main().catch(error => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
